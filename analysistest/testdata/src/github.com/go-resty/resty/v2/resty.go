// Package resty is a stub of github.com/go-resty/resty/v2 v2.17.2 for analysistest:
// the declarations idemlint's tests use, with the real signatures.
package resty

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Client struct is used to create a Resty client.
type Client struct {
	BaseURL string
	Header  http.Header
}

func New() *Client                          { return &Client{Header: http.Header{}} }
func NewWithClient(hc *http.Client) *Client { return New() }

func (c *Client) SetBaseURL(url string) *Client                  { return c }
func (c *Client) SetHeader(header, value string) *Client         { return c }
func (c *Client) SetHeaders(headers map[string]string) *Client   { return c }
func (c *Client) SetHeaderVerbatim(header, value string) *Client { return c }
func (c *Client) R() *Request                                    { return &Request{Header: http.Header{}} }
func (c *Client) NewRequest() *Request                           { return c.R() }

// Request struct is used to compose and fire individual requests from a client.
type Request struct {
	URL        string
	Method     string
	Token      string
	AuthScheme string
	QueryParam url.Values
	FormData   url.Values
	Header     http.Header
	Time       time.Time
	Body       interface{}
	Result     interface{}
}

func (r *Request) SetContext(ctx context.Context) *Request                   { return r }
func (r *Request) SetHeader(header, value string) *Request                   { return r }
func (r *Request) SetHeaders(headers map[string]string) *Request             { return r }
func (r *Request) SetHeaderMultiValues(headers map[string][]string) *Request { return r }
func (r *Request) SetHeaderVerbatim(header, value string) *Request           { return r }
func (r *Request) SetBody(body interface{}) *Request                         { return r }
func (r *Request) SetResult(res interface{}) *Request                        { return r }
func (r *Request) Get(url string) (*Response, error)                         { return &Response{}, nil }
func (r *Request) Post(url string) (*Response, error)                        { return &Response{}, nil }
func (r *Request) Put(url string) (*Response, error)                         { return &Response{}, nil }
func (r *Request) Send() (*Response, error)                                  { return &Response{}, nil }
func (r *Request) Execute(method, url string) (*Response, error)             { return &Response{}, nil }

// Response struct holds response values of executed requests.
type Response struct {
	Request     *Request
	RawResponse *http.Response
}

func (r *Response) StatusCode() int     { return 0 }
func (r *Response) Header() http.Header { return nil }
