// Command hooks serves every inbound integration: provider webhooks, partner
// callbacks and the account API.
package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/nats-io/nats.go"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"

	"example.com/hooks/internal/billing"
	"example.com/hooks/internal/ghhooks"
	"example.com/hooks/internal/idem"
	"example.com/hooks/internal/inbound"
	"example.com/hooks/internal/partners"
	"example.com/hooks/internal/repo"
	"example.com/hooks/internal/shopify"
	"example.com/hooks/internal/stripehooks"
	"example.com/hooks/internal/twilio"
	"example.com/hooks/internal/users"
)

func requestLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		log.Info("request", "path", r.URL.Path, "took", time.Since(start))
	})
}

func main() {
	ctx := context.Background()
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	nc, err := nats.Connect(os.Getenv("NATS_URL"))
	if err != nil {
		log.Error("nats", "err", err)
		os.Exit(1)
	}
	bill := &repo.Billing{Pool: pool}
	credits := &billing.Client{Base: os.Getenv("BILLING_URL"), HTTP: &http.Client{Timeout: 10 * time.Second}}
	stripe.Key = os.Getenv("STRIPE_SECRET_KEY")

	sh := &stripehooks.Handler{
		Secret:        os.Getenv("STRIPE_WEBHOOK_SECRET"),
		ConnectSecret: os.Getenv("STRIPE_CONNECT_WEBHOOK_SECRET"),
		Billing:       bill,
		Pool:          pool,
		Claims:        &idem.Claims{RDB: rdb},
		RDB:           rdb,
		SC:            stripe.NewClient(stripe.Key),
		Credits:       credits,
		Log:           log,
	}
	gh := &ghhooks.Handler{Secret: os.Getenv("GITHUB_WEBHOOK_SECRET"), Pool: pool, CI: os.Getenv("CI_URL"), SlackHook: os.Getenv("SLACK_HOOK"), HTTP: http.DefaultClient, Log: log}
	mail := &inbound.Mail{Pool: pool, RDB: rdb, MailgunKey: os.Getenv("MAILGUN_KEY"), PostmarkToken: os.Getenv("POSTMARK_TOKEN"), Log: log}

	// Public ingress (chi).
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Route("/webhooks", func(r chi.Router) {
		r.Post("/stripe", sh.ServeStripe)
		r.Post("/stripe/connect", sh.ServeConnect)
		r.Post("/stripe/invoices", sh.ServeInvoices)
		r.Post("/stripe/fraud", sh.ServeFraud)
		r.Post("/stripe/subscriptions", sh.ServeSubscriptions)
		r.Post("/stripe/marketplace", sh.ServeMarketplace)
		r.Post("/stripe/referrals", sh.ServeReferrals)
		r.Post("/calendly", func(w http.ResponseWriter, r *http.Request) {
			var ev struct {
				Event   string `json:"event"`
				Payload struct {
					Email     string `json:"email"`
					StartTime string `json:"start_time"`
				} `json:"payload"`
			}
			if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			if ev.Event != "invitee.created" {
				w.WriteHeader(http.StatusOK)
				return
			}
			job, _ := json.Marshal(ev.Payload)
			if err := rdb.RPush(r.Context(), "sales:meetings", job).Err(); err != nil { // BUG: missingkey
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusOK)
		})
		r.Post("/ping", func(w http.ResponseWriter, r *http.Request) {
			log.Info("webhook ping", "ua", r.UserAgent())
			w.WriteHeader(http.StatusNoContent)
		})
	})
	r.Method(http.MethodPost, "/hooks/github", gh)
	r.Get("/hooks/github/stats", gh.Stats)
	r.Post("/integrations/github/sponsors", gh.ServeSponsors)
	r.Mount("/partners", (&partners.API{Pool: pool, RDB: rdb, Billing: bill, Credits: credits, Log: log}).Routes())
	r.Route("/api", func(r chi.Router) {
		(&users.API{Pool: pool, RDB: rdb, Credits: credits}).Routes(r)
	})

	// Mail providers (net/http).
	mux := http.NewServeMux()
	mux.Handle("POST /hooks/postmark/inbound", requestLog(log, http.HandlerFunc(mail.Postmark)))
	mux.HandleFunc("POST /hooks/postmark/bounce", mail.Bounce)
	mux.HandleFunc("POST /hooks/mailgun/inbound", mail.Mailgun)

	// Shopify app (gin).
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	engine.Use(gin.Recovery())
	(&shopify.Webhooks{Secret: os.Getenv("SHOPIFY_SECRET"), Pool: pool, RDB: rdb, NC: nc, Log: log}).Register(engine)
	engine.POST("/hooks/zapier", func(c *gin.Context) {
		var z struct {
			Lead  string `json:"lead_email"`
			Owner string `json:"owner"`
		}
		if err := c.ShouldBindJSON(&z); err != nil {
			c.Status(http.StatusBadRequest)
			return
		}
		data, _ := json.Marshal(z)
		if err := nc.Publish("crm.lead.created", data); err != nil { // BUG: missingkey
			c.Status(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusOK)
	})

	// Telephony and email events (echo).
	e := echo.New()
	e.HideBanner = true
	(&twilio.Callbacks{AuthToken: os.Getenv("TWILIO_AUTH_TOKEN"), PublicURL: os.Getenv("PUBLIC_URL"), Billing: bill, RDB: rdb, Log: log}).Register(e)
	e.POST("/hooks/sendgrid/events", mail.SendgridEvents)
	e.POST("/hooks/sendgrid/opens", mail.SendgridOpens)
	e.POST("/hooks/intercom", func(c echo.Context) error {
		var conv struct {
			ID     string `json:"id"`
			Author string `json:"author_email"`
			Body   string `json:"body"`
		}
		if err := c.Bind(&conv); err != nil {
			return c.NoContent(http.StatusBadRequest)
		}
		_, err := pool.Exec(c.Request().Context(), `INSERT INTO tickets (requester, subject, body, source) VALUES ($1, 'Intercom conversation', $2, 'intercom')`, conv.Author, conv.Body)
		if err != nil {
			return err
		}
		return c.NoContent(http.StatusOK)
	}, idem.Echo(rdb))

	go func() { _ = http.ListenAndServe(":8081", mux) }()
	go func() { _ = engine.Run(":8082") }()
	go func() { _ = e.Start(":8083") }()
	if err := http.ListenAndServe(":8080", r); err != nil {
		log.Error("http", "err", err)
	}
}
