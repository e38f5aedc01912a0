CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  legacy_email text,
  created_at timestamptz NOT NULL DEFAULT now()
);
