-- Identity (issue 15): the client address that started a sign-in through a provider, so that
-- one address cannot start unanswered sign-ins without limit (domain::identity::starts). Flows
-- started before this migration have none and count for nobody. Both engines alike.
ALTER TABLE oidc_flows ADD COLUMN address TEXT;
CREATE INDEX oidc_flows_address ON oidc_flows(address, created_at);
