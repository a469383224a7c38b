using System.Collections;
using Catalyst.AppHost.Model;
using Catalyst.AppHost.Run;

namespace Catalyst.AppHost.Tests;

[TestFixture]
internal sealed class RunConfigurationTests
{
    [Test]
    public void No_arguments_means_run_with_a_build()
    {
        var parsed = CommandLine.Parse([]);

        Assert.That(parsed.Error, Is.Null);
        Assert.That(parsed.Verb, Is.EqualTo("run"));
        Assert.That(parsed.NoBuild, Is.False);
        Assert.That(parsed.Port, Is.Null);
    }

    [Test]
    public void Run_options_are_read_in_both_spellings()
    {
        var parsed = CommandLine.Parse(["--port", "5123", "--data-dir=/tmp/x", "--no-build"]);

        Assert.That(parsed.Error, Is.Null);
        Assert.That(parsed.Port, Is.EqualTo(5123));
        Assert.That(parsed.DataDirectory, Is.EqualTo("/tmp/x"));
        Assert.That(parsed.NoBuild, Is.True);
    }

    [Test]
    public void Publish_takes_an_output_folder()
    {
        var parsed = CommandLine.Parse(["publish", "--output", "infra/"]);

        Assert.That(parsed.Error, Is.Null);
        Assert.That(parsed.Verb, Is.EqualTo("publish"));
        Assert.That(parsed.Output, Is.EqualTo("infra/"));
    }

    [TestCase(new[] { "--port", "http" }, "--port")]
    [TestCase(new[] { "--port", "70000" }, "--port")]
    [TestCase(new[] { "deploy" }, "deploy")]
    [TestCase(new[] { "publish", "--port", "1" }, "--port")]
    [TestCase(new[] { "--output", "x" }, "--output")]
    public void Bad_arguments_are_named_in_the_error(string[] args, string named)
    {
        var parsed = CommandLine.Parse(args);

        Assert.That(parsed.Error, Does.Contain(named));
    }

    [Test]
    public void The_host_gets_connection_strings_urls_telemetry_name_api_key_and_the_callers_settings()
    {
        var inherited = new Hashtable
        {
            ["Catalyst__Mode"] = "Paper",
            ["Alpaca__KeyId"] = "AK1",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
            ["HOME"] = "/root",
            ["CatalystLookalike"] = "x",
        };

        var env = HostEnvironment.ForHost(AppModel.Catalyst, "Host=127.0.0.1;Port=1", "127.0.0.1:2", 5080, "k", inherited, "/repo");

        Assert.That(env["ConnectionStrings__catalystdb"], Is.EqualTo("Host=127.0.0.1;Port=1"));
        Assert.That(env["ConnectionStrings__cache"], Is.EqualTo("127.0.0.1:2"));
        Assert.That(env["ASPNETCORE_URLS"], Is.EqualTo("http://127.0.0.1:5080"));
        Assert.That(env["ASPNETCORE_ENVIRONMENT"], Is.EqualTo("Development"));
        Assert.That(env["OTEL_SERVICE_NAME"], Is.EqualTo("catalyst-host"));
        Assert.That(env["Catalyst__ApiKeys__local"], Is.EqualTo("k"));
        Assert.That(env["Catalyst__Risk__ParametersFile"], Is.EqualTo("/repo/config/risk_parameters.yaml"), "the checkout's risk file");
        inherited["Catalyst__Risk__ParametersFile"] = "/etc/mine.yaml";
        Assert.That(HostEnvironment.ForHost(AppModel.Catalyst, "p", "r", 1, "k", inherited, "/repo")["Catalyst__Risk__ParametersFile"],
            Is.EqualTo("/etc/mine.yaml"), "the caller's choice wins");
        inherited.Remove("Catalyst__Risk__ParametersFile");
        Assert.That(env["Catalyst__Mode"], Is.EqualTo("Paper"));
        Assert.That(env["Alpaca__KeyId"], Is.EqualTo("AK1"));
        Assert.That(env["OTEL_EXPORTER_OTLP_ENDPOINT"], Is.EqualTo("http://127.0.0.1:4317"));
        Assert.That(env.Keys, Has.None.EqualTo("HOME").And.None.EqualTo("CatalystLookalike"));
        Assert.That(HostEnvironment.Mode(inherited), Is.EqualTo("Paper"));
        Assert.That(HostEnvironment.Mode(new Hashtable()), Is.EqualTo("Simulation"));
    }

    [Test]
    public void The_api_key_is_generated_once_stored_and_reused_unless_overridden()
    {
        var dir = Directory.CreateTempSubdirectory("catalyst-key-").FullName;
        try
        {
            var first = HostEnvironment.ApiKey(dir, new Hashtable());
            var second = HostEnvironment.ApiKey(dir, new Hashtable());
            var overridden = HostEnvironment.ApiKey(dir, new Hashtable { [HostEnvironment.ApiKeyVariable] = "mine" });

            Assert.That(first, Has.Length.GreaterThanOrEqualTo(32));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(File.ReadAllText(Path.Combine(dir, HostEnvironment.ApiKeyFile)).Trim(), Is.EqualTo(first));
            Assert.That(overridden, Is.EqualTo("mine"));
            if (!OperatingSystem.IsWindows())
                Assert.That(File.GetUnixFileMode(Path.Combine(dir, HostEnvironment.ApiKeyFile)),
                    Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_missing_postgres_says_how_to_install_it()
    {
        var before = Environment.GetEnvironmentVariable("CATALYST_PG_BIN");
        Environment.SetEnvironmentVariable("CATALYST_PG_BIN", "/nonexistent/postgres/bin");
        try
        {
            var ex = Assert.Throws<MissingToolException>(() => Toolchain.Discover());
            Assert.That(ex!.Message, Does.Contain("PostgreSQL 15 not found").And.Contain("apt-get install -y postgresql"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CATALYST_PG_BIN", before);
        }
    }

    [Test]
    public void The_preferred_port_is_used_when_free_and_never_handed_out_twice()
    {
        var taken = new HashSet<int>();
        var free = Ports.PreferOrAny(null, taken);

        var again = Ports.PreferOrAny(free, taken);

        Assert.That(again, Is.Not.EqualTo(free), "a port already promised is not promised again");
        Assert.That(taken, Is.EquivalentTo(new[] { free, again }));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var busy = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        Assert.That(Ports.PreferOrAny(busy), Is.Not.EqualTo(busy), "a busy preferred port falls back to a free one");
    }
}
