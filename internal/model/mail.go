package model

// net/smtp (Go 1.26 smtp.go): SendMail sends the message again on every
// delivery of the event that triggered it.

var mailLib = &Library{
	Name: "net/smtp", Paths: []string{"net/smtp"},
	Rows: []Row{sideEffect("net/smtp", "", "SendMail", Mail, "smtp.SendMail")},
}
