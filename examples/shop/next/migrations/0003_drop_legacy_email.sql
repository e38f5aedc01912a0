-- Release 1.5 moved everyone to `email`.
ALTER TABLE users DROP COLUMN legacy_email;

-- A new index for the order history page.
CREATE INDEX orders_user_id_idx ON orders (user_id);
