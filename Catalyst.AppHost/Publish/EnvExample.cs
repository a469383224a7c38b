using Catalyst.AppHost.Model;

namespace Catalyst.AppHost.Publish;

/// <summary>infra/.env.example: every setting with what it does; secrets are left empty on purpose.</summary>
internal static class EnvExample
{
    public static string Render(AppModel m) => $$"""
        {{Compose.Comment(Publisher.GeneratedNotice)}}
        #
        # Copy to infra/.env on the server, fill in, and keep it private:
        #   cp .env.example .env && chmod 600 .env
        # docker-compose reads it twice: for ${…} in the compose files, and (env_file) as the containers' environment.
        # Never commit .env. Generate passwords and keys with: openssl rand -hex 32
        # (hex keeps them safe inside connection strings, which split on ';' and ',').

        # --- Compose ---------------------------------------------------------------------------------------------------
        # Which files make up the stack. With {{Publisher.LocalDbFile}}: PostgreSQL runs in a container next to the
        # host. For a managed database, set COMPOSE_FILE={{Publisher.ComposeFile}} and fill in {{Compose.DatabaseUrlVariable}}.
        COMPOSE_FILE={{Publisher.ComposeFile}}:{{Publisher.LocalDbFile}}
        COMPOSE_PROJECT_NAME=catalyst
        # Image tag for {{m.Host.Image}} and {{m.Migrator.Image}} (e.g. the git commit you deploy).
        CATALYST_VERSION=latest
        # Public DNS name of the server; nginx serves it and reads /etc/letsencrypt/live/$DOMAIN/.
        DOMAIN=

        # --- Database --------------------------------------------------------------------------------------------------
        # Password of the '{{m.Database.ContainerUser}}' user of the PostgreSQL container ({{Publisher.LocalDbFile}} only).
        {{Compose.PostgresPasswordVariable}}=
        # Managed database only: an Npgsql connection string (not a postgres:// URL), e.g.
        # Host=<db-host>;Port=25060;Database={{m.Database.DatabaseName}};Username=doadmin;Password=<password>;SSL Mode=Require
        # It becomes ConnectionStrings__{{m.Database.Name}} for the migrator and the host.
        {{Compose.DatabaseUrlVariable}}=

        # --- Redis -----------------------------------------------------------------------------------------------------
        # Password of the Redis container (--requirepass); the host's ConnectionStrings__{{m.Cache.Name}} uses it.
        {{Compose.RedisPasswordVariable}}=

        # --- Catalyst --------------------------------------------------------------------------------------------------
        # Simulation (no keys, no network), Paper (Alpaca paper account) or Live (real money).
        Catalyst__Mode=Paper
        # Live only: must be exactly I-ACCEPT-REAL-MONEY-RISK, or a Live host refuses to start.
        Catalyst__Live__Confirm=
        # API keys, one per client: Catalyst__ApiKeys__<name>=<key>. Clients send the key as the X-API-Key header; the
        # name is what logs and audit rows show. Add a line per client; delete a line to revoke that client.
        Catalyst__ApiKeys__claude_desktop=
        Catalyst__ApiKeys__operator=

        # --- Alpaca (Paper and Live) -----------------------------------------------------------------------------------
        # Paper keys for Paper, live keys for Live (they are different key pairs).
        Alpaca__KeyId=
        Alpaca__SecretKey=
        # Paper: https://paper-api.alpaca.markets and wss://paper-api.alpaca.markets/stream
        # Live:  https://api.alpaca.markets and wss://api.alpaca.markets/stream
        Alpaca__TradingBaseUrl=https://paper-api.alpaca.markets
        Alpaca__StreamBaseUrl=wss://paper-api.alpaca.markets/stream
        Alpaca__DataBaseUrl=https://data.alpaca.markets
        # iex (free plan) or sip (paid plan).
        Alpaca__DataFeed=iex

        # --- Simulation (Catalyst__Mode=Simulation only; defaults shown) -----------------------------------------------
        # Same seed and date give the same market and news.
        #Catalyst__Simulation__Seed=42
        # Virtual seconds per real second, or max (no waiting).
        #Catalyst__Simulation__Speed=60
        # Simulated trading day (YYYY-MM-DD); default: the next NYSE trading day.
        #Catalyst__Simulation__Date=
        # Folder (inside the container) of 1-minute CSV files to replay instead of the generated market.
        #Catalyst__Simulation__ReplayDirectory=
        # autonomous, supervised or off: whether a simulated session starts trading by itself.
        #Catalyst__Simulation__AutoStart=supervised

        # --- Telemetry -------------------------------------------------------------------------------------------------
        # The compose file points OTEL_EXPORTER_OTLP_ENDPOINT at the dashboard and names each service; nothing to set.

        """;
}
