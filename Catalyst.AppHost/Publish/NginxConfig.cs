using Catalyst.AppHost.Model;

namespace Catalyst.AppHost.Publish;

/// <summary>
/// The nginx site. It is mounted as a template of the official image, whose entrypoint substitutes ${DOMAIN} (and
/// only variables that exist in its environment, so nginx's own $host, $scheme… are left alone).
/// </summary>
internal static class NginxConfig
{
    public static string Render(AppModel m)
    {
        var upstream = $"{m.Host.Name}:{m.Host.ContainerPort}";
        var timeout = m.Proxy.StreamTimeoutSeconds;
        return $$"""
            {{Compose.Comment(Publisher.GeneratedNotice)}}
            #
            # TLS terminates here; the host listens only on the compose network. Certificates come from Let's Encrypt
            # (certbot on the server, see infra/README.md) and are mounted read-only from /etc/letsencrypt.

            upstream catalyst_host {
                server {{upstream}};
                keepalive 16;
            }

            # Port 80 exists for Let's Encrypt's HTTP-01 challenge and to redirect browsers; nothing else is served.
            server {
                listen {{m.Proxy.HttpPort}};
                listen [::]:{{m.Proxy.HttpPort}};
                server_name ${DOMAIN};
                server_tokens off;

                location /.well-known/acme-challenge/ {
                    root /var/www/certbot;
                }

                location / {
                    return 301 https://$host$request_uri;
                }
            }

            server {
                listen {{m.Proxy.HttpsPort}} ssl;
                listen [::]:{{m.Proxy.HttpsPort}} ssl;
                http2 on;
                server_name ${DOMAIN};
                server_tokens off;

                ssl_certificate /etc/letsencrypt/live/${DOMAIN}/fullchain.pem;
                ssl_certificate_key /etc/letsencrypt/live/${DOMAIN}/privkey.pem;
                ssl_trusted_certificate /etc/letsencrypt/live/${DOMAIN}/chain.pem;
                ssl_protocols TLSv1.2 TLSv1.3;
                ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
                ssl_prefer_server_ciphers off;
                ssl_session_cache shared:catalyst_tls:10m;
                ssl_session_timeout 1d;
                ssl_session_tickets off;

                add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
                add_header X-Content-Type-Options nosniff always;
                add_header X-Frame-Options DENY always;
                add_header Referrer-Policy no-referrer always;

                # Orders and tool calls are small JSON documents; anything larger is a mistake or an attack.
                client_max_body_size {{m.Proxy.MaxBodySize}};

                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $host;
                proxy_set_header X-Real-IP $remote_addr;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
                proxy_set_header X-Forwarded-Host $host;
                proxy_set_header X-Forwarded-Port $server_port;
                proxy_set_header X-Request-Id $request_id;

                # MCP over Streamable HTTP: a response can be a server-sent event stream that stays open while a tool
                # runs or notifications arrive. Buffering or compressing it would hold events back.
                location {{AppModel.McpPath}} {
                    proxy_pass http://catalyst_host;
                    proxy_buffering off;
                    proxy_cache off;
                    proxy_request_buffering off;
                    gzip off;
                    proxy_read_timeout {{timeout}}s;
                    proxy_send_timeout {{timeout}}s;
                    add_header X-Accel-Buffering no always;
                    add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
                }

                location / {
                    proxy_pass http://catalyst_host;
                    proxy_read_timeout 60s;
                }
            }

            """;
    }
}
