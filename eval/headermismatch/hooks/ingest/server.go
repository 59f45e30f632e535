// Package ingest receives provider webhooks, dedups them and hands a
// normalised envelope to the forwarders.
package ingest

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/internal/mw"
	"example.com/hooks/relay/client"
	"example.com/hooks/relay/grpcfwd"
	"example.com/hooks/relay/ledgerclient"
)

type Secrets struct {
	GitHub, GitHubApp, GitHubMarketplace string
	Shopify                              string
	Stripe, StripeConnect                string
	Svix, Partner                        []byte
	GitLab                               []byte
	Slack, SlackOps                      string
	Zendesk                              string
	Relay                                []byte
}

type Service struct {
	fwd     *client.Forwarder
	ledger  *ledgerclient.Client
	index   grpcfwd.Invoker
	rdb     *redis.Client
	db      *sql.DB
	seen    *dedup.Redis
	events  *dedup.SQL
	mem     *dedup.Memory
	secrets Secrets
	targets map[string]string // provider -> consumer URL
	log     *slog.Logger
}

func New(fwd *client.Forwarder, ledger *ledgerclient.Client, index grpcfwd.Invoker,
	rdb *redis.Client, db *sql.DB, secrets Secrets, targets map[string]string, log *slog.Logger) *Service {
	return &Service{
		fwd: fwd, ledger: ledger, index: index, rdb: rdb, db: db,
		seen:    dedup.NewRedis(rdb, "ingest:"),
		events:  dedup.NewSQL(db),
		mem:     &dedup.Memory{},
		secrets: secrets, targets: targets, log: log,
	}
}

// Handler mounts every provider route on one mux.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /github", mw.AccessLog(s.log, "X-GitHub-Delivery")(http.HandlerFunc(s.GitHub)))
	mux.HandleFunc("POST /github/app", s.GitHubApp)
	mux.HandleFunc("POST /github/marketplace", s.GitHubMarketplace)
	mux.HandleFunc("POST /github/sponsors", s.GitHubSponsors)
	mux.HandleFunc("POST /stripe", s.Stripe)
	mux.HandleFunc("POST /stripe/connect", s.StripeConnect)
	mux.HandleFunc("POST /zendesk", s.Zendesk)
	mux.HandleFunc("POST /zendesk/sunshine", s.ZendeskSunshine)
	mux.Handle("POST /peer", mw.AccessLog(s.log, "X-Request-Id")(http.HandlerFunc(s.PeerInbound)))

	r := chi.NewRouter()
	s.ShopifyRoutes(r)
	mux.Handle("/shopify/", r)

	g := gin.New()
	g.Use(gin.Recovery())
	s.GinRoutes(g)
	mux.Handle("/gitlab", g)
	mux.Handle("/gitlab/", g)
	mux.Handle("/slack/", g)

	e := echo.New()
	s.EchoRoutes(e)
	mux.Handle("/svix/", e)
	mux.Handle("/hooks/", e)
	return mux
}

// forward hands env to the consumer registered for its provider. It runs
// after the claim; on failure the claim is released so the provider's retry
// is processed.
func (s *Service) forward(ctx context.Context, claimKey string, env client.Envelope) error {
	target, ok := s.targets[env.Provider]
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := s.fwd.Forward(ctx, target, env); err != nil {
		if rerr := s.seen.Release(context.WithoutCancel(ctx), claimKey); rerr != nil {
			s.log.Error("release claim", "key", claimKey, "err", rerr)
		}
		return err
	}
	return nil
}
