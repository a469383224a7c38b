DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'technical') THEN
        CREATE SCHEMA technical;
    END IF;
END $EF$;
CREATE TABLE IF NOT EXISTS technical.__ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM technical.__ef_migrations_history WHERE "migration_id" = '20261125220644_Initial') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'technical') THEN
            CREATE SCHEMA technical;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM technical.__ef_migrations_history WHERE "migration_id" = '20261125220644_Initial') THEN
    INSERT INTO technical.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125220644_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

