using Catalyst.AppHost.Model;

namespace Catalyst.AppHost.Publish;

/// <summary>
/// Compose file format 3.8 for Debian's docker-compose 1.29 as well as the v2 plugin. The database is a separate
/// override file rather than a profile: compose v1 refuses to start a service whose depends_on names a service that
/// a profile switched off, so a profile could not drop PostgreSQL for a managed database.
/// </summary>
internal static class Compose
{
    public const string DatabaseUrlVariable = "DATABASE_URL";
    public const string PostgresPasswordVariable = "POSTGRES_PASSWORD";
    public const string RedisPasswordVariable = "REDIS_PASSWORD";

    public static string Services(AppModel m)
    {
        var db = m.Database;
        var cache = m.Cache;
        var host = m.Host;
        var migrator = m.Migrator;
        var otlp = $"http://{m.Dashboard.Name}:{m.Dashboard.OtlpGrpcPort}";
        return $$"""
            {{Comment(Publisher.GeneratedNotice)}}
            #
            # From infra/, with .env copied from .env.example and filled in:
            #   docker-compose build && docker-compose up -d
            # COMPOSE_FILE in .env adds {{Publisher.LocalDbFile}} (PostgreSQL in a container); leave that file out to
            # use a managed database through {{DatabaseUrlVariable}}. Only {{m.Proxy.Name}} publishes ports (80, 443); the
            # dashboard listens on the server's loopback only (reach it through an SSH tunnel).
            version: "3.8"

            services:
              {{migrator.Name}}:
                # One-shot: applies every module's migrations, then exits 0; the host starts only after that.
                image: "{{migrator.Image}}:${CATALYST_VERSION:-latest}"
                build:
                  context: ..
                  dockerfile: infra/Dockerfile
                  target: {{migrator.DockerTarget}}
                restart: "no"
                env_file: .env
                environment:
                  {{db.ConnectionStringKey}}: "${{{DatabaseUrlVariable}}:-}"
                  OTEL_SERVICE_NAME: {{migrator.OtelServiceName}}
                  OTEL_EXPORTER_OTLP_ENDPOINT: "{{otlp}}"
                read_only: true
                tmpfs:
                  - /tmp
                networks:
                  - {{m.Network}}

              {{host.Name}}:
                image: "{{host.Image}}:${CATALYST_VERSION:-latest}"
                build:
                  context: ..
                  dockerfile: infra/Dockerfile
                  target: {{host.DockerTarget}}
                restart: unless-stopped
                env_file: .env
                environment:
                  {{db.ConnectionStringKey}}: "${{{DatabaseUrlVariable}}:-}"
                  {{cache.ConnectionStringKey}}: "{{cache.ComposeConnectionString(RedisPasswordVariable)}}"
                  ASPNETCORE_HTTP_PORTS: "{{host.ContainerPort}}"
                  # nginx terminates TLS; trust its X-Forwarded-For/-Proto so links and logs show the real client.
                  ASPNETCORE_FORWARDEDHEADERS_ENABLED: "true"
                  OTEL_SERVICE_NAME: {{host.OtelServiceName}}
                  OTEL_EXPORTER_OTLP_ENDPOINT: "{{otlp}}"
                # Reachable by nginx on the compose network only; never published on the server.
                expose:
                  - "{{host.ContainerPort}}"
                depends_on:
                  {{migrator.Name}}:
                    condition: service_completed_successfully
                  {{cache.ServiceName}}:
                    condition: service_healthy
                healthcheck:
                  # Liveness, not readiness: Redis down degrades the host but must not get it restarted.
                  test: {{HostHealthCheck(host.ContainerPort!.Value, AppModel.AlivePath)}}
                  interval: 15s
                  timeout: 5s
                  retries: 3
                  start_period: 30s
                read_only: true
                tmpfs:
                  - /tmp
                # The checkout's config/: risk_parameters.yaml is hot-reloaded and written by POST /api/v1/config/update,
                # so it lives on the server (writable by the image's app user, uid 1654), not in the read-only image.
                volumes:
                  - ../config:/app/config
                stop_grace_period: 30s
                networks:
                  - {{m.Network}}

              {{cache.ServiceName}}:
                image: {{cache.Image}}
                # A cache, pub/sub and a lock: nothing to persist. volatile-lru evicts only keys with a TTL (cache
                # entries), never the trading-cycle lock.
                command: ["redis-server", "--requirepass", "${{{RedisPasswordVariable}}}", "--save", "", "--appendonly", "no", "--maxmemory", "512mb", "--maxmemory-policy", "volatile-lru"]
                restart: unless-stopped
                environment:
                  REDISCLI_AUTH: "${{{RedisPasswordVariable}}}"
                healthcheck:
                  test: ["CMD-SHELL", "redis-cli ping | grep -q PONG"]
                  interval: 5s
                  timeout: 3s
                  retries: 10
                networks:
                  - {{m.Network}}

              {{m.Proxy.Name}}:
                image: {{m.Proxy.Image}}
                restart: unless-stopped
                ports:
                  - "{{m.Proxy.HttpPort}}:{{m.Proxy.HttpPort}}"
                  - "{{m.Proxy.HttpsPort}}:{{m.Proxy.HttpsPort}}"
                environment:
                  DOMAIN: "${DOMAIN:?set DOMAIN in .env}"
                volumes:
                  - ./{{m.Proxy.ConfigPath}}:{{m.Proxy.ConfigMount}}:ro
                  - /etc/letsencrypt:/etc/letsencrypt:ro
                  - /var/www/certbot:/var/www/certbot:ro
                depends_on:
                  {{host.Name}}:
                    condition: service_healthy
                networks:
                  - {{m.Network}}

              {{m.Dashboard.Name}}:
                # OpenTelemetry traces, metrics and logs. The UI asks for the login token printed in its log
                # (docker-compose logs {{m.Dashboard.Name}}); OTLP is reachable only inside the compose network.
                image: {{m.Dashboard.Image}}
                restart: unless-stopped
                ports:
                  - "127.0.0.1:{{m.Dashboard.UiPort}}:{{m.Dashboard.UiPort}}"
                expose:
                  - "{{m.Dashboard.OtlpGrpcPort}}"
                environment:
                  DASHBOARD__OTLP__AUTHMODE: Unsecured
                  DASHBOARD__FRONTEND__AUTHMODE: BrowserToken
                networks:
                  - {{m.Network}}

            networks:
              {{m.Network}}:
                driver: bridge

            """;
    }

    public static string LocalDatabase(AppModel m)
    {
        var db = m.Database;
        var connection = db.ComposeConnectionString(PostgresPasswordVariable);
        return $$"""
            {{Comment(Publisher.GeneratedNotice)}}
            #
            # PostgreSQL {{db.Image}} in a container, for a single-server deployment. Used together with
            # {{Publisher.ComposeFile}} (COMPOSE_FILE={{Publisher.ComposeFile}}:{{Publisher.LocalDbFile}} in .env); leave it out
            # to use a managed database through {{DatabaseUrlVariable}}.
            version: "3.8"

            services:
              {{db.ServiceName}}:
                image: {{db.Image}}
                restart: unless-stopped
                environment:
                  POSTGRES_DB: {{db.DatabaseName}}
                  POSTGRES_USER: {{db.ContainerUser}}
                  POSTGRES_PASSWORD: "${{{PostgresPasswordVariable}}:?set {{PostgresPasswordVariable}} in .env}"
                volumes:
                  - {{db.Volume}}:/var/lib/postgresql/data
                healthcheck:
                  test: ["CMD-SHELL", "pg_isready -U {{db.ContainerUser}} -d {{db.DatabaseName}}"]
                  interval: 5s
                  timeout: 5s
                  retries: 10
                  start_period: 10s
                stop_grace_period: 60s
                networks:
                  - {{m.Network}}

              {{m.Migrator.Name}}:
                environment:
                  {{db.ConnectionStringKey}}: "{{connection}}"
                depends_on:
                  {{db.ServiceName}}:
                    condition: service_healthy

              {{m.Host.Name}}:
                environment:
                  {{db.ConnectionStringKey}}: "{{connection}}"
                depends_on:
                  {{db.ServiceName}}:
                    condition: service_healthy

            volumes:
              {{db.Volume}}:

            """;
    }

    /// <summary>
    /// The runtime image has bash but no curl: an HTTP/1.1 GET over bash's /dev/tcp, healthy on a 200 status line.
    /// </summary>
    public static string HostHealthCheck(int port, string path) =>
        $"[\"CMD\", \"bash\", \"-c\", \"exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET {path} HTTP/1.1\\\\r\\\\nHost: localhost\\\\r\\\\nConnection: close\\\\r\\\\n\\\\r\\\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '\"]";

    internal static string Comment(string text) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? "#" : "# " + line));
}
