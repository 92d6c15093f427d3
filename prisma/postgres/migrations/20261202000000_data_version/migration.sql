-- A data version every instance can read cheaply (written by hand: Prisma does not model triggers).
-- Cached answers (lib/http/response-cache.ts, lib/cache/answer-cache.ts) are keyed by it; it must
-- move whenever anything a shared answer shows is committed, by any process or instance.
CREATE TABLE "DataVersion" (
    "id" INTEGER PRIMARY KEY CHECK ("id" = 1),
    "version" BIGINT NOT NULL
);
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);

-- Once per transaction (a transaction-local setting marks it done), so a batch of many statements
-- costs one row update; the row is locked from the first write to the commit, and the new number
-- is visible exactly when the transaction's data is.
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('daily_papers.version_bumped', true), '') <> 'yes' THEN
        UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1;
        PERFORM set_config('daily_papers.version_bumped', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;

-- The tables shared pages and answers are made of. Not sessions, accounts, subscriptions or
-- rate-limit counters: they change on every sign-in and request, and no shared answer shows them.
CREATE TRIGGER "Paper_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Paper" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER "Upvote_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Upvote" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER "Comment_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Comment" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER "Submission_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Submission" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER "User_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER "SearchTerm_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SearchTerm" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
