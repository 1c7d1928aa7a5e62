-- Refunds: money paid back to a customer, a debit document numbered RB-000001 and on, allocated in the transaction
-- that posts it to the unapplied credit (credit note, overpayment) it gives back. It is never open on its own, so the
-- kept balances' overdue and open-invoice figures leave it out as they are. Safe to run twice.

create sequence if not exists refund_numbers;
