-- The company's details as an administrator saved them on the settings page: when the row exists it is what
-- statements, letters and invoices print, and who their emails come from; without it the configuration's Company
-- section (and Smtp's sender) still applies.
create table company_settings (
    id integer constraint pk_company_settings primary key check (id = 1),
    name text not null,
    legal_form text,
    address_lines text[] not null,
    siren text,
    siret text,
    vat_number text,
    iban text,
    bic text,
    email text,
    phone text,
    logo bytea,
    sender_name text,
    sender_address text,
    updated_at timestamptz not null,
    updated_by text not null
);
