// Package platform opens the clients of the backing stores.
package platform

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"example.com/shop/internal/config"
)

// Clients bundles every store client the services share.
type Clients struct {
	DB     *gorm.DB
	Mongo  *mongo.Database
	Dynamo *dynamodb.Client
	SQS    *sqs.Client
	Redis  rueidis.Client
	Valkey valkey.Client
}

// Open connects to every store named in cfg.
func Open(ctx context.Context, cfg config.Config) (*Clients, error) {
	db, err := gorm.Open(postgres.Open(cfg.PostgresDSN), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Warn),
		SkipDefaultTransaction: true,
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	mc, err := mongo.Connect(options.Client().ApplyURI(cfg.MongoURI))
	if err != nil {
		return nil, fmt.Errorf("mongo: %w", err)
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion(cfg.AWSRegion))
	if err != nil {
		return nil, fmt.Errorf("aws: %w", err)
	}
	rc, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{cfg.RedisAddr}})
	if err != nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	vc, err := valkey.NewClient(valkey.ClientOption{InitAddress: []string{cfg.ValkeyAddr}})
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("valkey: %w", err)
	}
	return &Clients{
		DB:     db,
		Mongo:  mc.Database(cfg.MongoDB),
		Dynamo: dynamodb.NewFromConfig(awsCfg),
		SQS:    sqs.NewFromConfig(awsCfg, func(o *sqs.Options) { o.RetryMaxAttempts = 5 }),
		Redis:  rc,
		Valkey: vc,
	}, nil
}

// Close releases the clients that hold connections.
func (c *Clients) Close(ctx context.Context) {
	c.Redis.Close()
	c.Valkey.Close()
	_ = c.Mongo.Client().Disconnect(ctx)
	if sqlDB, err := c.DB.DB(); err == nil {
		_ = sqlDB.Close()
	}
}

// Region is a small helper the AWS-backed repositories use in logs.
func Region(cfg aws.Config) string { return cfg.Region }
