DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'trading') THEN
        CREATE SCHEMA trading;
    END IF;
END $EF$;
CREATE TABLE IF NOT EXISTS trading.__ef_migrations_history (
    migration_id character varying(150) NOT NULL,
    product_version character varying(32) NOT NULL,
    CONSTRAINT pk___ef_migrations_history PRIMARY KEY (migration_id)
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM trading.__ef_migrations_history WHERE "migration_id" = '20261125220650_Initial') THEN
        IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'trading') THEN
            CREATE SCHEMA trading;
        END IF;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM trading.__ef_migrations_history WHERE "migration_id" = '20261125220650_Initial') THEN
    INSERT INTO trading.__ef_migrations_history (migration_id, product_version)
    VALUES ('20261125220650_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

