// Package effects holds the outbound side effects (payments, mail, notifications).
package effects

import (
	"context"
	"log/slog"
)

func ChargeCard(ctx context.Context, customerID string, cents int64) error {
	slog.InfoContext(ctx, "charge", "customer", customerID, "cents", cents)
	return nil
}

func SendEmail(ctx context.Context, to, template string) error {
	slog.InfoContext(ctx, "email", "to", to, "template", template)
	return nil
}

func Notify(ctx context.Context, channel, msg string) error {
	slog.InfoContext(ctx, "notify", "channel", channel, "msg", msg)
	return nil
}

func TriggerBuild(ctx context.Context, repo, sha string) error {
	slog.InfoContext(ctx, "build", "repo", repo, "sha", sha)
	return nil
}

func SendPayout(ctx context.Context, payoutID string, cents int64) error {
	slog.InfoContext(ctx, "payout", "id", payoutID, "cents", cents)
	return nil
}
