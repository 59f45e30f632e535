// Package cmds is a stub of github.com/redis/rueidis/internal/cmds v1.0.80: the command builders,
// one generated type per step, with the real method signatures.
package cmds

import "time"

var _ = time.Second

type Builder struct{ ks uint16 }

type Incomplete struct{ ks uint16 }

type Completed struct{ ks uint16 }

type Cacheable Completed

func (c Completed) Pin() Completed { return c }

func (c Cacheable) Pin() Cacheable { return c }

type Get Incomplete
type GetKey Incomplete
type Exists Incomplete
type ExistsKey Incomplete
type Set Incomplete
type SetKey Incomplete
type SetValue Incomplete
type SetConditionNx Incomplete
type SetConditionXx Incomplete
type SetGet Incomplete
type SetExpirationExSeconds Incomplete
type SetExpirationExSecTyped Incomplete
type SetExpirationPxMilliseconds Incomplete
type SetExpirationPxMsTyped Incomplete
type Setnx Incomplete
type SetnxKey Incomplete
type SetnxValue Incomplete
type Incr Incomplete
type IncrKey Incomplete
type Incrby Incomplete
type IncrbyKey Incomplete
type IncrbyIncrement Incomplete
type Del Incomplete
type DelKey Incomplete
type Hget Incomplete
type HgetKey Incomplete
type HgetField Incomplete
type Hset Incomplete
type HsetKey Incomplete
type HsetFieldValue Incomplete
type Sadd Incomplete
type SaddKey Incomplete
type SaddMember Incomplete
type Sismember Incomplete
type SismemberKey Incomplete
type SismemberMember Incomplete
type Lpush Incomplete
type LpushKey Incomplete
type LpushElement Incomplete
type Publish Incomplete
type PublishChannel Incomplete
type PublishMessage Incomplete
type Expire Incomplete
type ExpireKey Incomplete
type ExpireSeconds Incomplete

func (c Get) Key(key string) GetKey { return GetKey{} }

func (c GetKey) Build() Completed { return Completed{} }

func (c GetKey) Cache() Cacheable { return Cacheable{} }

func (c Exists) Key(key ...string) ExistsKey { return ExistsKey{} }

func (c ExistsKey) Key(key ...string) ExistsKey { return ExistsKey{} }

func (c ExistsKey) Build() Completed { return Completed{} }

func (c Set) Key(key string) SetKey { return SetKey{} }

func (c SetKey) Value(value string) SetValue { return SetValue{} }

func (c SetValue) Nx() SetConditionNx { return SetConditionNx{} }

func (c SetValue) Xx() SetConditionXx { return SetConditionXx{} }

func (c SetValue) Get() SetGet { return SetGet{} }

func (c SetValue) ExSeconds(seconds int64) SetExpirationExSeconds { return SetExpirationExSeconds{} }

func (c SetValue) PxMilliseconds(milliseconds int64) SetExpirationPxMilliseconds {
	return SetExpirationPxMilliseconds{}
}

func (c SetValue) Ex(duration time.Duration) SetExpirationExSecTyped {
	return SetExpirationExSecTyped{}
}

func (c SetValue) Px(duration time.Duration) SetExpirationPxMsTyped { return SetExpirationPxMsTyped{} }

func (c SetValue) Build() Completed { return Completed{} }

func (c SetConditionNx) Get() SetGet { return SetGet{} }

func (c SetConditionNx) ExSeconds(seconds int64) SetExpirationExSeconds {
	return SetExpirationExSeconds{}
}

func (c SetConditionNx) PxMilliseconds(milliseconds int64) SetExpirationPxMilliseconds {
	return SetExpirationPxMilliseconds{}
}

func (c SetConditionNx) Ex(duration time.Duration) SetExpirationExSecTyped {
	return SetExpirationExSecTyped{}
}

func (c SetConditionNx) Px(duration time.Duration) SetExpirationPxMsTyped {
	return SetExpirationPxMsTyped{}
}

func (c SetConditionNx) Build() Completed { return Completed{} }

func (c SetConditionXx) Get() SetGet { return SetGet{} }

func (c SetConditionXx) ExSeconds(seconds int64) SetExpirationExSeconds {
	return SetExpirationExSeconds{}
}

func (c SetConditionXx) PxMilliseconds(milliseconds int64) SetExpirationPxMilliseconds {
	return SetExpirationPxMilliseconds{}
}

func (c SetConditionXx) Ex(duration time.Duration) SetExpirationExSecTyped {
	return SetExpirationExSecTyped{}
}

func (c SetConditionXx) Px(duration time.Duration) SetExpirationPxMsTyped {
	return SetExpirationPxMsTyped{}
}

func (c SetConditionXx) Build() Completed { return Completed{} }

func (c SetGet) ExSeconds(seconds int64) SetExpirationExSeconds { return SetExpirationExSeconds{} }

func (c SetGet) PxMilliseconds(milliseconds int64) SetExpirationPxMilliseconds {
	return SetExpirationPxMilliseconds{}
}

func (c SetGet) Ex(duration time.Duration) SetExpirationExSecTyped { return SetExpirationExSecTyped{} }

func (c SetGet) Px(duration time.Duration) SetExpirationPxMsTyped { return SetExpirationPxMsTyped{} }

func (c SetGet) Build() Completed { return Completed{} }

func (c SetExpirationExSeconds) Build() Completed { return Completed{} }

func (c SetExpirationExSecTyped) Build() Completed { return Completed{} }

func (c SetExpirationPxMilliseconds) Build() Completed { return Completed{} }

func (c SetExpirationPxMsTyped) Build() Completed { return Completed{} }

func (c Setnx) Key(key string) SetnxKey { return SetnxKey{} }

func (c SetnxKey) Value(value string) SetnxValue { return SetnxValue{} }

func (c SetnxValue) Build() Completed { return Completed{} }

func (c Incr) Key(key string) IncrKey { return IncrKey{} }

func (c IncrKey) Build() Completed { return Completed{} }

func (c Incrby) Key(key string) IncrbyKey { return IncrbyKey{} }

func (c IncrbyKey) Increment(increment int64) IncrbyIncrement { return IncrbyIncrement{} }

func (c IncrbyIncrement) Build() Completed { return Completed{} }

func (c Del) Key(key ...string) DelKey { return DelKey{} }

func (c DelKey) Key(key ...string) DelKey { return DelKey{} }

func (c DelKey) Build() Completed { return Completed{} }

func (c Hget) Key(key string) HgetKey { return HgetKey{} }

func (c HgetKey) Field(field string) HgetField { return HgetField{} }

func (c HgetField) Build() Completed { return Completed{} }

func (c HgetField) Cache() Cacheable { return Cacheable{} }

func (c Hset) Key(key string) HsetKey { return HsetKey{} }

func (c HsetKey) FieldValue() HsetFieldValue { return HsetFieldValue{} }

func (c HsetFieldValue) FieldValue(field string, value string) HsetFieldValue {
	return HsetFieldValue{}
}

func (c HsetFieldValue) Build() Completed { return Completed{} }

func (c Sadd) Key(key string) SaddKey { return SaddKey{} }

func (c SaddKey) Member(member ...string) SaddMember { return SaddMember{} }

func (c SaddMember) Member(member ...string) SaddMember { return SaddMember{} }

func (c SaddMember) Build() Completed { return Completed{} }

func (c Sismember) Key(key string) SismemberKey { return SismemberKey{} }

func (c SismemberKey) Member(member string) SismemberMember { return SismemberMember{} }

func (c SismemberMember) Build() Completed { return Completed{} }

func (c SismemberMember) Cache() Cacheable { return Cacheable{} }

func (c Expire) Key(key string) ExpireKey { return ExpireKey{} }

func (c ExpireKey) Seconds(seconds int64) ExpireSeconds { return ExpireSeconds{} }

func (c ExpireSeconds) Build() Completed { return Completed{} }

func (c Lpush) Key(key string) LpushKey { return LpushKey{} }

func (c LpushKey) Element(element ...string) LpushElement { return LpushElement{} }

func (c LpushElement) Element(element ...string) LpushElement { return LpushElement{} }

func (c LpushElement) Build() Completed { return Completed{} }

func (c Publish) Channel(channel string) PublishChannel { return PublishChannel{} }

func (c PublishChannel) Message(message string) PublishMessage { return PublishMessage{} }

func (c PublishMessage) Build() Completed { return Completed{} }

func (b Builder) Lpush() Lpush { return Lpush{} }

func (b Builder) Publish() Publish { return Publish{} }

func (b Builder) Del() Del { return Del{} }

func (b Builder) Exists() Exists { return Exists{} }

func (b Builder) Expire() Expire { return Expire{} }

func (b Builder) Hget() Hget { return Hget{} }

func (b Builder) Hset() Hset { return Hset{} }

func (b Builder) Sadd() Sadd { return Sadd{} }

func (b Builder) Sismember() Sismember { return Sismember{} }

func (b Builder) Get() Get { return Get{} }

func (b Builder) Incr() Incr { return Incr{} }

func (b Builder) Incrby() Incrby { return Incrby{} }

func (b Builder) Set() Set { return Set{} }

func (b Builder) Setnx() Setnx { return Setnx{} }
