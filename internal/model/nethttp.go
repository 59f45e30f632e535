package model

// net/http (Go 1.26 server.go, client.go): a webhook provider retries a delivery
// that got no 2xx in time, so a handler on a webhook route runs again for one
// event. Go 1.22 patterns may carry the method ("POST /webhooks/stripe").
// Outbound POST/PUT/PATCH change state on the other side; http.Get does not.

const netHTTP = "net/http"

var netHTTPLib = func() *Library {
	handle := func(recv, name string) Entry {
		e := route(netHTTP, recv, name, 0, 1, false, "")
		e.Runs = "ServeHTTP"
		return e
	}
	do := op(netHTTP, "Client", "Do", Invalid, HTTP, "")
	do.Dispatch = HTTPRequest
	return &Library{
		Name: "net/http", Paths: []string{netHTTP},
		Entries: []Entry{
			handle("", "HandleFunc"), handle("", "Handle"),
			handle("ServeMux", "HandleFunc"), handle("ServeMux", "Handle"),
			entry(netHTTP, "Request", "", HTTPHandler, "webhook handler"),
		},
		Rows: []Row{
			sideEffect(netHTTP, "", "Post", HTTP, "POST"),
			sideEffect(netHTTP, "", "PostForm", HTTP, "POST"),
			sideEffect(netHTTP, "Client", "Post", HTTP, "POST"),
			sideEffect(netHTTP, "Client", "PostForm", HTTP, "POST"),
			do,
		},
	}
}()
