using System.Diagnostics;
using Catalyst.AppHost.Model;
using Catalyst.AppHost.Publish;
using YamlDotNet.RepresentationModel;

namespace Catalyst.AppHost.Tests;

[TestFixture]
internal sealed class PublishTests
{
    private static readonly string Infra = Path.Combine(Repo.Root, "infra");
    private string _temp = null!;

    [SetUp]
    public void SetUp() => _temp = Directory.CreateTempSubdirectory("catalyst-publish-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_temp, recursive: true);

    [Test]
    public void Publish_regenerates_the_committed_infra_files_byte_for_byte()
    {
        var written = Publisher.Write(AppModel.Catalyst, _temp);

        Assert.That(written, Has.Count.EqualTo(4));
        foreach (var path in written)
        {
            var relative = Path.GetRelativePath(_temp, path);
            var committed = Path.Combine(Infra, relative);
            Assert.That(File.Exists(committed), Is.True, $"infra/{relative} is missing: run `dotnet run --project Catalyst.AppHost -- publish`");
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(File.ReadAllBytes(committed)),
                $"infra/{relative} differs from what the AppHost generates: run `dotnet run --project Catalyst.AppHost -- publish` and commit");
        }
    }

    [Test]
    public void Publish_is_deterministic()
    {
        var first = Publisher.Render(AppModel.Catalyst);
        var second = Publisher.Render(AppModel.Catalyst);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Select(f => f.Content), Has.None.Contains("\r"));
    }

    [Test]
    public void Only_nginx_publishes_ports_and_only_80_and_443()
    {
        var services = Services(Load(Publisher.ComposeFile)).Concat(Services(Load(Publisher.LocalDbFile))).ToList();

        var publishing = services.Where(s => s.Value.Children.ContainsKey("ports") && s.Key != "dashboard").Select(s => s.Key).ToList();
        Assert.That(publishing, Is.EqualTo(new[] { "nginx" }));
        var nginxPorts = Sequence(services.Single(s => s.Key == "nginx").Value, "ports");
        Assert.That(nginxPorts, Is.EquivalentTo(new[] { "80:80", "443:443" }));
    }

    [Test]
    public void The_dashboard_listens_on_loopback_only()
    {
        var dashboard = Service(Load(Publisher.ComposeFile), "dashboard");

        var ports = Sequence(dashboard, "ports");
        Assert.That(ports, Is.Not.Empty);
        Assert.That(ports, Has.All.StartsWith("127.0.0.1:"));
    }

    [Test]
    public void The_host_is_reachable_only_through_nginx()
    {
        var host = Service(Load(Publisher.ComposeFile), "host");

        Assert.That(host.Children.ContainsKey("ports"), Is.False);
        Assert.That(Sequence(host, "expose"), Is.EqualTo(new[] { "8080" }));
        Assert.That(File.ReadAllText(Path.Combine(Infra, "nginx", "catalyst.conf")), Does.Contain("server host:8080;"));
    }

    [Test]
    public void Postgres_keeps_its_data_in_a_named_volume()
    {
        var localDb = Load(Publisher.LocalDbFile);
        var postgres = Service(localDb, "postgres");

        Assert.That(Sequence(postgres, "volumes"), Does.Contain("catalyst-pgdata:/var/lib/postgresql/data"));
        var volumes = (YamlMappingNode)localDb["volumes"];
        Assert.That(volumes.Children.Keys.Select(k => k.ToString()), Does.Contain("catalyst-pgdata"));
    }

    [TestCase(Publisher.LocalDbFile, "postgres", "pg_isready")]
    [TestCase(Publisher.ComposeFile, "redis", "redis-cli ping")]
    [TestCase(Publisher.ComposeFile, "host", "/alive")]
    public void Services_have_health_checks(string file, string service, string probe)
    {
        var healthcheck = (YamlMappingNode)Service(Load(file), service)["healthcheck"];

        var test = string.Join(" ", Sequence(healthcheck, "test"));
        Assert.That(test, Does.Contain(probe));
    }

    [Test]
    public void The_migrator_runs_once_and_the_host_waits_for_it_to_succeed()
    {
        var compose = Load(Publisher.ComposeFile);
        var migrator = Service(compose, "migrator");
        var host = Service(compose, "host");

        Assert.That(migrator["restart"].ToString(), Is.EqualTo("no"));
        Assert.That(migrator.Children.ContainsKey("healthcheck"), Is.False);
        var dependsOn = (YamlMappingNode)host["depends_on"];
        Assert.That(((YamlMappingNode)dependsOn["migrator"])["condition"].ToString(), Is.EqualTo("service_completed_successfully"));
        Assert.That(((YamlMappingNode)dependsOn["redis"])["condition"].ToString(), Is.EqualTo("service_healthy"));
    }

    [Test]
    public void With_the_local_database_the_migrator_and_host_wait_for_postgres()
    {
        var localDb = Load(Publisher.LocalDbFile);

        foreach (var name in new[] { "migrator", "host" })
        {
            var dependsOn = (YamlMappingNode)Service(localDb, name)["depends_on"];
            Assert.That(((YamlMappingNode)dependsOn["postgres"])["condition"].ToString(), Is.EqualTo("service_healthy"), name);
            var connection = ((YamlMappingNode)Service(localDb, name)["environment"])["ConnectionStrings__catalystdb"].ToString();
            Assert.That(connection, Does.StartWith("Host=postgres;").And.Contain("Password=${POSTGRES_PASSWORD}"), name);
        }
    }

    [Test]
    public void Redis_requires_a_password_and_the_host_uses_it()
    {
        var compose = Load(Publisher.ComposeFile);

        var command = Sequence(Service(compose, "redis"), "command");
        Assert.That(command, Does.Contain("--requirepass"));
        Assert.That(command[command.IndexOf("--requirepass") + 1], Is.EqualTo("${REDIS_PASSWORD}"));
        var cache = ((YamlMappingNode)Service(compose, "host")["environment"])["ConnectionStrings__cache"].ToString();
        Assert.That(cache, Is.EqualTo("redis:6379,password=${REDIS_PASSWORD}"));
    }

    [Test]
    public void The_env_example_holds_no_secret_values()
    {
        var settings = File.ReadAllLines(Path.Combine(Infra, Publisher.EnvExampleFile))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

        string[] secretWords = ["PASSWORD", "SECRET", "KEY", "TOKEN", "DATABASE_URL", "CONFIRM"];
        var secrets = settings.Where(s => secretWords.Any(w => s.Key.Contains(w, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.That(secrets.Select(s => s.Key), Does.Contain("REDIS_PASSWORD").And.Contain("Alpaca__SecretKey").And.Contain("Catalyst__Live__Confirm"));
        Assert.That(secrets.Where(s => s.Value.Length > 0).Select(s => s.Key), Is.Empty, "secret settings must be left empty");
    }

    [Test]
    public void The_env_example_names_every_variable_the_compose_files_interpolate()
    {
        var env = File.ReadAllText(Path.Combine(Infra, Publisher.EnvExampleFile));
        var compose = File.ReadAllText(Path.Combine(Infra, Publisher.ComposeFile)) + File.ReadAllText(Path.Combine(Infra, Publisher.LocalDbFile));

        var variables = System.Text.RegularExpressions.Regex.Matches(compose, @"\$\{([A-Z_]+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(variables, Does.Contain("REDIS_PASSWORD").And.Contain("DOMAIN"));
        foreach (var variable in variables)
            Assert.That(env, Does.Contain("\n" + variable + "="), variable);
    }

    [Test]
    public void Nginx_terminates_tls_and_streams_mcp()
    {
        var conf = File.ReadAllText(Path.Combine(Infra, "nginx", "catalyst.conf"));

        Assert.That(conf, Does.Contain("ssl_protocols TLSv1.2 TLSv1.3;"));
        Assert.That(conf, Does.Contain("Strict-Transport-Security"));
        Assert.That(conf, Does.Contain("/etc/letsencrypt/live/${DOMAIN}/fullchain.pem"));
        Assert.That(conf, Does.Contain("location /.well-known/acme-challenge/"));
        Assert.That(conf, Does.Contain("return 301 https://$host$request_uri;"));
        Assert.That(conf, Does.Contain("client_max_body_size"));
        Assert.That(conf, Does.Contain("X-Forwarded-Proto $scheme"));
        var mcp = conf[conf.IndexOf("location /mcp", StringComparison.Ordinal)..];
        mcp = mcp[..mcp.IndexOf('}', StringComparison.Ordinal)];
        Assert.That(mcp, Does.Contain("proxy_buffering off;").And.Contain("gzip off;").And.Contain("proxy_read_timeout 3600s;"));
        Assert.That(conf, Does.Contain("proxy_http_version 1.1;"));
    }

    [Test]
    public void Docker_compose_accepts_the_files()
    {
        var compose = Toolchain("docker-compose");
        if (compose is null) Assert.Ignore("docker-compose is not installed (test.sh installs Debian's docker-compose 1.29): compose validation skipped");

        foreach (var file in Directory.GetFiles(Infra, "docker-compose*.yml")) File.Copy(file, Path.Combine(_temp, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(_temp, "nginx"));
        File.Copy(Path.Combine(Infra, ".env.example"), Path.Combine(_temp, ".env"));

        // The managed-database stack on its own, and with the PostgreSQL container added.
        var alone = RunCompose(compose!, ["-f", Publisher.ComposeFile, "config", "-q"]);
        Assert.That(alone.ExitCode, Is.EqualTo(0), alone.Output);
        var withDb = RunCompose(compose!, ["-f", Publisher.ComposeFile, "-f", Publisher.LocalDbFile, "config"]);
        Assert.That(withDb.ExitCode, Is.EqualTo(0), withDb.Output);

        // The merged result still has the host waiting for the migrator, Redis and PostgreSQL.
        var merged = new YamlStream();
        merged.Load(new StringReader(withDb.Output));
        var hostDeps = (YamlMappingNode)Service((YamlMappingNode)merged.Documents[0].RootNode, "host")["depends_on"];
        Assert.That(hostDeps.Children.Keys.Select(k => k.ToString()), Is.EquivalentTo(new[] { "migrator", "postgres", "redis" }));
    }

    [Test]
    public void Docker_compose_refuses_to_start_nginx_without_a_domain()
    {
        var compose = Toolchain("docker-compose");
        if (compose is null) Assert.Ignore("docker-compose is not installed (test.sh installs Debian's docker-compose 1.29): compose validation skipped");

        File.Copy(Path.Combine(Infra, Publisher.ComposeFile), Path.Combine(_temp, Publisher.ComposeFile));
        File.Copy(Path.Combine(Infra, ".env.example"), Path.Combine(_temp, ".env"));

        var result = RunCompose(compose!, ["-f", Publisher.ComposeFile, "config", "-q"], domain: null);
        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("DOMAIN"));
    }

    [Test]
    public void Nginx_accepts_the_site_configuration()
    {
        var nginx = Toolchain("nginx");
        if (nginx is null) Assert.Ignore("nginx is not installed (apt-get install -y nginx-light): nginx -t skipped");

        // What the image's entrypoint does (envsubst of ${DOMAIN}), with a throwaway certificate in place of
        // Let's Encrypt's and the upstream pointed at loopback so it resolves outside the compose network.
        const string domain = "catalyst.example.com";
        var letsEncrypt = Path.Combine(_temp, "letsencrypt");
        var live = Path.Combine(letsEncrypt, "live", domain);
        Directory.CreateDirectory(live);
        var openssl = Run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + domain, "-days", "1",
            "-keyout", Path.Combine(live, "privkey.pem"), "-out", Path.Combine(live, "fullchain.pem")]);
        Assert.That(openssl.ExitCode, Is.EqualTo(0), openssl.Output);
        File.Copy(Path.Combine(live, "fullchain.pem"), Path.Combine(live, "chain.pem"));
        var site = File.ReadAllText(Path.Combine(Infra, "nginx", "catalyst.conf"))
            .Replace("${DOMAIN}", domain, StringComparison.Ordinal)
            .Replace("/etc/letsencrypt", letsEncrypt, StringComparison.Ordinal)
            .Replace("server host:8080;", "server 127.0.0.1:8080;", StringComparison.Ordinal);
        var version = Run(nginx!, ["-v"]).Output;
        // `http2 on;` is nginx 1.25.1+ (the image runs 1.27); an older distribution nginx only lacks that directive.
        if (System.Text.RegularExpressions.Regex.Match(version, @"nginx/1\.(\d+)") is { Success: true } m && int.Parse(m.Groups[1].Value) < 25)
            site = site.Replace("http2 on;", "", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_temp, "site.conf"), site);
        File.WriteAllText(Path.Combine(_temp, "nginx.conf"), $$"""
            pid {{_temp}}/nginx.pid;
            error_log {{_temp}}/error.log;
            events {}
            http {
                access_log off;
                client_body_temp_path {{_temp}};
                proxy_temp_path {{_temp}};
                fastcgi_temp_path {{_temp}};
                uwsgi_temp_path {{_temp}};
                scgi_temp_path {{_temp}};
                include {{_temp}}/site.conf;
            }
            """);

        var test = Run(nginx!, ["-t", "-c", Path.Combine(_temp, "nginx.conf"), "-p", _temp]);

        Assert.That(test.ExitCode, Is.EqualTo(0), test.Output);
        Assert.That(test.Output, Does.Contain("test is successful"));
    }

    private static (int ExitCode, string Output) Run(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(60_000), Is.True, $"{file} did not finish within 60 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private (int ExitCode, string Output) RunCompose(string compose, string[] arguments, string? domain = "catalyst.example.com")
    {
        var info = new ProcessStartInfo(compose, arguments)
        {
            WorkingDirectory = _temp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Required settings (${X:?…}) that .env.example leaves empty on purpose.
        if (domain is null) info.Environment.Remove("DOMAIN");
        else info.Environment["DOMAIN"] = domain;
        info.Environment["POSTGRES_PASSWORD"] = "not-a-secret";
        info.Environment.Remove("COMPOSE_FILE");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(60_000), Is.True, "docker-compose did not finish within 60 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? Toolchain(string name) => Catalyst.AppHost.Run.Toolchain.FindOnPath(name);

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Infra, file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<KeyValuePair<string, YamlMappingNode>> Services(YamlMappingNode root) =>
        ((YamlMappingNode)root["services"]).Children.Select(c => new KeyValuePair<string, YamlMappingNode>(c.Key.ToString(), (YamlMappingNode)c.Value));

    private static YamlMappingNode Service(YamlMappingNode root, string name) => (YamlMappingNode)((YamlMappingNode)root["services"])[name];

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? ((YamlSequenceNode)value).Children.Select(c => c.ToString()).ToList()
            : [];
}

internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Catalyst.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Catalyst.sln not found above the test directory");
    }
}
