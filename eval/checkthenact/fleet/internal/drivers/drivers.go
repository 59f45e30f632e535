// Package drivers: onboarding, documents, profiles (driver-service cache).
package drivers

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/notify"
	"example.com/fleet/internal/payouts"
	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/util/cache"
	"example.com/fleet/internal/util/rkeys"
)

// CompleteOnboarding is called by the onboarding service when a driver has
// finished every step; it pays the sign-up bonus. The onboarding service
// retries on 5xx and on timeouts.
func CompleteOnboarding(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	driverID := r.URL.Query().Get("driver_id")
	if driverID == "" {
		http.Error(w, "driver_id required", http.StatusBadRequest)
		return
	}
	log := slog.With("driver_id", driverID)
	key := "driver:onboarded:" + driverID
	n, err := platform.Cache.Exists(ctx, key).Result()
	if err != nil {
		log.Error("onboarded check failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if n > 0 {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err := payouts.OpenWallet(ctx, driverID); err != nil {
		log.Error("open wallet failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := payouts.CreditTripSafe(ctx, driverID, 10000); err != nil {
		log.Error("signup bonus failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	platform.Cache.SetEx(ctx, key, time.Now().Unix(), 365*24*time.Hour) // BUG: checkthenact
	_ = notify.Push(ctx, driverID, "Welcome aboard! Your $100 bonus is in your earnings.")
	w.WriteHeader(http.StatusNoContent)
}

// UploadDocument records a verified document of a type (licence, insurance...).
func UploadDocument(ctx context.Context, driverID, docType, url string) error {
	key := "driver:docs:" + driverID
	have, err := platform.Cache.HExists(ctx, key, docType).Result()
	if err != nil {
		return err
	}
	if have {
		slog.Info("document already on file", "driver_id", driverID, "doc", docType)
		return nil
	}
	if _, err := platform.DB.ExecContext(ctx, `INSERT INTO driver_document_reviews (driver_id, doc_type, url) VALUES ($1, $2, $3)`, driverID, docType, url); err != nil {
		return err
	}
	return platform.Cache.HSet(ctx, key, docType, url).Err() // BUG: checkthenact
}

// UploadDocumentV2 uses HSETNX as the claim.
func UploadDocumentV2(ctx context.Context, driverID, docType, url string) error {
	key := "driver:docs:" + driverID
	if have, _ := platform.Cache.HExists(ctx, key, docType).Result(); have {
		return nil
	}
	ok, err := platform.Cache.HSetNX(ctx, key, docType, url).Result()
	if err != nil || !ok {
		return err
	}
	_, err = platform.DB.ExecContext(ctx, `INSERT INTO driver_document_reviews (driver_id, doc_type, url) VALUES ($1, $2, $3)`, driverID, docType, url)
	return err
}

type Profile struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Vehicle   string  `json:"vehicle"`
	Plate     string  `json:"plate"`
	Rating    float64 `json:"rating"`
	PhotoURL  string  `json:"photo_url"`
	UpdatedAt string  `json:"updated_at"`
}

// GetProfile is cache-aside through the shared helper.
func GetProfile(ctx context.Context, driverID string) (*Profile, error) {
	raw, err := cache.GetOrLoad(ctx, rkeys.DriverProfile(driverID), 10*time.Minute, func(ctx context.Context) (string, error) {
		var p Profile
		err := platform.DB.QueryRowContext(ctx, `SELECT id, name, vehicle, plate, rating, photo_url FROM drivers WHERE id = $1`, driverID).
			Scan(&p.ID, &p.Name, &p.Vehicle, &p.Plate, &p.Rating, &p.PhotoURL)
		if err != nil {
			return "", err
		}
		b, _ := json.Marshal(p)
		return string(b), nil
	})
	if err != nil {
		return nil, err
	}
	var p Profile
	return &p, json.Unmarshal([]byte(raw), &p)
}

// GetProfileDirect is the same cache-aside, inlined (older copy).
func GetProfileDirect(ctx context.Context, driverID string) (*Profile, error) {
	var p Profile
	err := cache.GetJSON(ctx, rkeys.DriverProfile(driverID), &p)
	if err == nil {
		return &p, nil
	}
	if !errors.Is(err, redis.Nil) {
		slog.Warn("profile cache read failed", "err", err)
	}
	err = platform.DB.QueryRowContext(ctx, `SELECT id, name, vehicle, plate, rating, photo_url FROM drivers WHERE id = $1`, driverID).
		Scan(&p.ID, &p.Name, &p.Vehicle, &p.Plate, &p.Rating, &p.PhotoURL)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	_ = cache.SetJSON(ctx, rkeys.DriverProfile(driverID), p, 10*time.Minute)
	return &p, nil
}

// UpdatePlate changes the plate in the DB and invalidates the cache.
func UpdatePlate(ctx context.Context, driverID, plate string) error {
	var old string
	if err := platform.DB.QueryRowContext(ctx, `SELECT plate FROM drivers WHERE id = $1`, driverID).Scan(&old); err != nil {
		return err
	}
	if old == plate {
		return nil
	}
	if _, err := platform.DB.ExecContext(ctx, `UPDATE drivers SET plate = $1 WHERE id = $2`, plate, driverID); err != nil {
		return err
	}
	platform.RDB.Del(ctx, rkeys.DriverProfile(driverID))
	return nil
}

// GoOnline marks the driver online and puts them in their zone's pool.
func GoOnline(ctx context.Context, driverID, zone string) error {
	n, err := platform.RDB.Exists(ctx, "driver:suspended:"+driverID).Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return errors.New("driver suspended")
	}
	pipe := platform.RDB.TxPipeline()
	pipe.Set(ctx, "driver:online:"+driverID, zone, 5*time.Minute)
	pipe.SAdd(ctx, "zone:drivers:"+zone, driverID)
	_, err = pipe.Exec(ctx)
	return err
}

// Heartbeat extends the online marker; the read decides only whether to extend it.
func Heartbeat(ctx context.Context, driverID string) error {
	zone, err := platform.RDB.Get(ctx, "driver:online:"+driverID).Result()
	if errors.Is(err, redis.Nil) {
		return errors.New("not online")
	}
	if err != nil {
		return err
	}
	return platform.RDB.Set(ctx, "driver:online:"+driverID, zone, 5*time.Minute).Err()
}

// SwapDeviceToken replaces the push token atomically and returns the old one.
func SwapDeviceToken(ctx context.Context, driverID, token string) (string, error) {
	old, err := platform.RDB.GetSet(ctx, "driver:push_token:"+driverID, token).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return old, err
}

// ConsumeLoginCode validates a one-time SMS login code.
func ConsumeLoginCode(ctx context.Context, driverID, code string) bool {
	want, err := platform.RDB.GetDel(ctx, "driver:login_code:"+driverID).Result()
	if err != nil {
		return false
	}
	return want == code
}
