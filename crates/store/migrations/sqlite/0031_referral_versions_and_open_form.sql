-- The remaining parts of referrals (issue 12, ADR 52). The PostgreSQL twin has the same meaning.
--
-- Later versions of the referred document keep their sections in referral_sections (version 2
-- and later); referral_versions names each later version and dates it, so the comparison with
-- the referral version can say what it compares. Answers through the open form say what kind
-- of respondent answers (a private person, an association or a company) and, optionally, the
-- organisation they answer for; the client's network address is kept for the throttle of the
-- form (as document requests keep theirs); a rejected open answer keeps the drafter's reason.
-- The form's submission key makes a resent form return the first answer instead of a second.

CREATE TABLE referral_versions (
    referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    version     BIGINT NOT NULL,
    label       TEXT NOT NULL,
    created_on  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (referral_id, version)
);

ALTER TABLE referral_answers ADD COLUMN respondent_type TEXT;
ALTER TABLE referral_answers ADD COLUMN respondent_organisation TEXT;
ALTER TABLE referral_answers ADD COLUMN client_address TEXT;
ALTER TABLE referral_answers ADD COLUMN moderation_reason TEXT;
ALTER TABLE referral_answers ADD COLUMN submission_key TEXT;
CREATE UNIQUE INDEX referral_answers_submission ON referral_answers(referral_id, submission_key);
CREATE INDEX referral_answers_address ON referral_answers(client_address, submitted_at);
