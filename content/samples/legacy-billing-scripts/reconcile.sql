-- mark invoices older than 90 days with no payment as overdue
UPDATE invoices SET status = 'OVERDUE'
 WHERE status = 'OPEN' AND issued_at < SYSDATE - 90;
COMMIT;
EXIT;
