// Command msgpackmod is the reproduction of a crash: go vet -vettool=idemlint
// overflowed the stack analyzing github.com/vmihailenco/msgpack/v5, whose encoder
// and decoder call themselves through interfaces and method tables.
package main

import "github.com/vmihailenco/msgpack/v5"

func main() { b, _ := msgpack.Marshal(1); _ = b }
