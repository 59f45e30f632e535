package events

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"example.com/hmcorpus/hdr"
)

// Router mounts the receiver on chi for the partner-facing ingress.
func (rc *Receiver) Router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.RealIP, middleware.Recoverer)
	r.Post("/partners/{partner}/events", rc.partnerEvent)
	r.Post("/partners/{partner}/deliveries", rc.partnerDelivery)
	r.Post("/partners/{partner}/status", rc.partnerStatus)
	return r
}

func (rc *Receiver) partnerEvent(w http.ResponseWriter, r *http.Request) {
	if _, ok := rc.verified(w, r); !ok {
		return
	}
	partner := chi.URLParam(r, "partner")
	id := r.Header.Get("X-EVENT-ID")
	fresh, err := rc.ledger.Record(r.Context(), partner, id)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	rc.log.Info("partner event", "partner", partner, "id", id, "chi_request_id", middleware.GetReqID(r.Context()))
}

func (rc *Receiver) partnerDelivery(w http.ResponseWriter, r *http.Request) {
	if _, ok := rc.verified(w, r); !ok {
		return
	}
	partner := chi.URLParam(r, "partner")
	d := r.Header[hdr.DeliveryID] // BUG: headermismatch
	if len(d) == 0 {
		http.Error(w, "missing delivery id", http.StatusBadRequest)
		return
	}
	fresh, err := rc.ledger.Record(r.Context(), partner+":delivery", d[0])
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
	}
}

func (rc *Receiver) partnerStatus(w http.ResponseWriter, r *http.Request) {
	rc.log.Info("status ping",
		"partner", chi.URLParam(r, "partner"),
		"delivery", r.Header.Get(hdr.DeliveryID),
		"delivery_raw", r.Header[http.CanonicalHeaderKey(hdr.DeliveryID)],
		"forwarded_for", r.Header["x-forwarded-for"],
		"type", r.Header["x-event-type"])
	id := r.Header.Get(hdr.EventID)
	if fresh, _ := rc.claims.Claim(r.Context(), "status:"+id); !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
