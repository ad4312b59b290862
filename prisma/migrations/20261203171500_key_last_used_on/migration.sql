-- The last day the owner says the key was used: OKX reports no last-use time, and the 14-day deletion countdown
-- must run from a use someone can vouch for, not from Keywarden's own checks.
ALTER TABLE "ApiKey" ADD COLUMN "lastUsedOn" DATETIME;
