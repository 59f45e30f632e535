package model

// github.com/hibiken/asynq v0.26.0 (servemux.go, client.go, option.go): a task
// whose handler returns an error, or whose worker dies, is retried; Enqueue with
// TaskID or Unique is deduplicated by the server.

const asynqPkg = "github.com/hibiken/asynq"

var asynqLib = func() *Library {
	enqueue := func(name string) Row {
		r := sideEffect(asynqPkg, "Client", name, Broker, name)
		r.KeyOptions = []string{asynqPkg + ".TaskID", asynqPkg + ".Unique"}
		return r
	}
	handle := callback(asynqPkg, "ServeMux", "Handle", 1, "asynq task handler")
	handle.Runs = "ProcessTask"
	processTask := entry(asynqPkg, "Task", "", HandlerMethod, "asynq task handler")
	processTask.Runs = "ProcessTask"
	return &Library{
		Name: "asynq", Paths: []string{asynqPkg},
		Entries: []Entry{
			callback(asynqPkg, "ServeMux", "HandleFunc", 1, "asynq task handler"),
			handle, processTask,
		},
		Rows: []Row{enqueue("Enqueue"), enqueue("EnqueueContext")},
	}
}()
