package model

// github.com/cespare/xxhash/v2: a fast hash often used to shorten dedup keys.

import "go/types"

const xxhash = "github.com/cespare/xxhash/v2"

var xxhashFlows = map[string]Flow{
	xxhash + ".Sum64": FromArgs, xxhash + ".Sum64String": FromArgs,
	xxhash + ".Digest.Write": IntoRecv, xxhash + ".Digest.WriteString": IntoRecv,
	xxhash + ".Digest.Sum64": FromRecv, xxhash + ".Digest.Sum": FromRecv,
}

func xxhashFollow(fn *types.Func) Flow { return xxhashFlows[funcName(fn)] }
