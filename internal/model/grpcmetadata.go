package model

// gRPC metadata (google.golang.org/grpc/metadata): keys are lower case, MD.Get
// folds case, an index into metadata.MD does not.

import "go/types"

const grpcMetadata = "google.golang.org/grpc/metadata"

var grpcHeaderCalls = []HeaderCall{
	{Pkg: grpcMetadata, Recv: "MD", Name: "Get", GRPC: true, From: SourceReceiver, API: "metadata.MD.Get"},
	{Pkg: grpcMetadata, Name: "ValueFromIncomingContext", GRPC: true, Arg: 1, From: SourceIncoming, API: "metadata.ValueFromIncomingContext"},
	{Pkg: grpcMetadata, Recv: "MD", Name: "Set", Send: true, GRPC: true, From: SourceReceiver, API: "metadata.MD.Set"},
	{Pkg: grpcMetadata, Recv: "MD", Name: "Append", Send: true, GRPC: true, From: SourceReceiver, API: "metadata.MD.Append"},
	{Pkg: grpcMetadata, Name: "New", Send: true, GRPC: true, Names: NameMap, From: SourceOutgoing, API: "metadata.New"},
	{Pkg: grpcMetadata, Name: "Pairs", Send: true, GRPC: true, Names: NamePairs, From: SourceOutgoing, API: "metadata.Pairs"},
	{Pkg: grpcMetadata, Name: "AppendToOutgoingContext", Send: true, GRPC: true, Names: NamePairs, Arg: 1, From: SourceOutgoing, API: "metadata.AppendToOutgoingContext"},
}

// IsMetadataMD reports metadata.MD (or a pointer to one): indexing it matches only
// lower-case keys.
func IsMetadataMD(t types.Type) bool { return isNamed(t, grpcMetadata, "MD") }

// MetadataCallSource says whose metadata a call returns: FromIncomingContext the
// received, FromOutgoingContext, New, Pairs and Join metadata to send.
func MetadataCallSource(fn *types.Func) HeaderSource {
	switch {
	case isFunc(fn, grpcMetadata, "FromIncomingContext"):
		return SourceIncoming
	case isFunc(fn, grpcMetadata, "FromOutgoingContext"), isFunc(fn, grpcMetadata, "New"),
		isFunc(fn, grpcMetadata, "Pairs"), isFunc(fn, grpcMetadata, "Join"):
		return SourceOutgoing
	}
	return SourceUnknown
}
