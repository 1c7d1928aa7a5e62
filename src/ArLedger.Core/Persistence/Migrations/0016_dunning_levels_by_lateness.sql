-- An invoice's first letter is at the highest level whose threshold it has passed, unless the company keeps the
-- old way of always starting at level 1 (one row of policy-wide settings). Each proposed invoice says why it is at
-- its level, for the review page.
create table dunning_settings (
    id integer constraint pk_dunning_settings primary key check (id = 1),
    always_start_at_first_level boolean not null,
    updated_at timestamptz not null,
    updated_by text not null
);
insert into dunning_settings (id, always_start_at_first_level, updated_at, updated_by) values (1, false, now(), 'migration');

alter table dunning_proposal_items add column level_choice text
    check (level_choice in ('NextLevel', 'FirstLevel', 'Lateness', 'NoticeBeforeLitigation'));

-- Litigation waits for a formal notice whose payment deadline has passed.
alter table dunning_exclusions drop constraint dunning_exclusions_reason_check;
alter table dunning_exclusions add constraint dunning_exclusions_reason_check check (reason in ('Disputed', 'PromiseToPay', 'PaymentPlan',
    'OnHold', 'InLitigation', 'Paused', 'UnappliedCash', 'BelowMinimum', 'TooSoon', 'FormalNoticePending'));
