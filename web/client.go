package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hoso/app"
)

// Client calls a running node's RPC, as the CLI does.
type Client struct {
	// Base is the console's base URL, such as http://127.0.0.1:8700/.
	Base string
	// Token authorises the calls: the operator token for the CLI.
	Token string
	// Session, when set, is a logged-in user's session.
	Session string
	// HTTP is the client to use; nil means one with a 60 s timeout.
	HTTP *http.Client
}

// ParseConsoleURL splits a console URL as `serve` prints it
// (http://127.0.0.1:PORT/?token=T) into a base URL and its token.
func ParseConsoleURL(raw string) (base, token string, err error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", fmt.Errorf("%q is not a console URL", raw)
	}
	token = u.Query().Get("token")
	u.RawQuery, u.Fragment, u.Path = "", "", "/"
	return u.String(), token, nil
}

// Call invokes method with params (JSON) and returns the raw JSON reply. A
// service error comes back as *app.Error; a transport failure as an ordinary
// error.
func (c *Client) Call(ctx context.Context, method string, params []byte) (json.RawMessage, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	if len(bytes.TrimSpace(params)) == 0 {
		params = []byte("{}")
	}
	u := strings.TrimSuffix(c.Base, "/") + RPCPrefix + url.PathEscape(method)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(params))
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if c.Session != "" {
		req.Header.Set(SessionHeader, c.Session)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("calling %s: %w", method, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("reading reply to %s: %w", method, err)
	}
	if resp.StatusCode != http.StatusOK {
		var eb ErrorBody
		if json.Unmarshal(body, &eb) == nil && eb.Error.Code != "" {
			return nil, &app.Error{Code: eb.Error.Code, Message: eb.Error.Message, Field: eb.Error.Field, Params: eb.Error.Params, Details: eb.Error.Details}
		}
		return nil, fmt.Errorf("calling %s: HTTP %s", method, resp.Status)
	}
	return body, nil
}

// Backup streams the running node's backup into w.
func (c *Client) Backup(ctx context.Context, w io.Writer) error {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.Base, "/")+BackupPath, nil)
	if err != nil {
		return fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("requesting the backup: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var eb ErrorBody
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if json.Unmarshal(body, &eb) == nil && eb.Error.Code != "" {
			return &app.Error{Code: eb.Error.Code, Message: eb.Error.Message}
		}
		return fmt.Errorf("requesting the backup: HTTP %s", resp.Status)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("receiving the backup: %w", err)
	}
	return nil
}

// LoginLink asks the running node for a new one-time login link (the
// operator token authorises it).
func (c *Client) LoginLink(ctx context.Context) (LoginLink, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.Base, "/")+LoginLinkPath, nil)
	if err != nil {
		return LoginLink{}, fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := hc.Do(req)
	if err != nil {
		return LoginLink{}, fmt.Errorf("asking for a login link: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return LoginLink{}, fmt.Errorf("reading the login link: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var eb ErrorBody
		if json.Unmarshal(body, &eb) == nil && eb.Error.Code != "" {
			return LoginLink{}, &app.Error{Code: eb.Error.Code, Message: eb.Error.Message}
		}
		return LoginLink{}, fmt.Errorf("asking for a login link: HTTP %s", resp.Status)
	}
	var l LoginLink
	if err := json.Unmarshal(body, &l); err != nil || l.URL == "" {
		return LoginLink{}, fmt.Errorf("reading the login link: not a link: %q", body)
	}
	return l, nil
}

// ImportBundle streams a bundle file to the running node
// (POST /bundle/import) and returns its result as JSON; progress, when not
// nil, gets the node's progress lines as they come.
func (c *Client) ImportBundle(ctx context.Context, r io.Reader, size int64, progress func(app.BundleProgress)) (json.RawMessage, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{}
	}
	ctx, cancel := context.WithTimeout(ctx, BundleTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(c.Base, "/")+BundleImportPath, r)
	if err != nil {
		return nil, fmt.Errorf("building request: %w", err)
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if c.Session != "" {
		req.Header.Set(SessionHeader, c.Session)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sending the bundle: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, replyError(resp, "sending the bundle")
	}
	dec := json.NewDecoder(io.LimitReader(resp.Body, 64<<20))
	for {
		var line struct {
			Progress *app.BundleProgress `json:"progress"`
			Result   json.RawMessage     `json:"result"`
			Error    *app.Reply          `json:"error"`
		}
		if err := dec.Decode(&line); err != nil {
			return nil, fmt.Errorf("reading the node's reply: %w", err)
		}
		switch {
		case line.Error != nil:
			e := line.Error
			return nil, &app.Error{Code: e.Code, Message: e.Message, Field: e.Field, Params: e.Params, Details: e.Details}
		case line.Result != nil:
			return line.Result, nil
		case line.Progress != nil && progress != nil:
			progress(*line.Progress)
		}
	}
}

// ExportBundle streams the running node's bundle (GET /bundle/export) into
// w and returns what it holds (the file's name, events and bytes).
func (c *Client) ExportBundle(ctx context.Context, r app.BundleExportRequest, w io.Writer) (app.BundleFile, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{}
	}
	ctx, cancel := context.WithTimeout(ctx, BundleTimeout)
	defer cancel()
	q := url.Values{}
	if r.All {
		q.Set("all", "1")
	} else {
		q.Set("peer", r.Peer)
	}
	if r.Files {
		q.Set("files", "1")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(c.Base, "/")+BundleExportPath+"?"+q.Encode(), nil)
	if err != nil {
		return app.BundleFile{}, fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if c.Session != "" {
		req.Header.Set(SessionHeader, c.Session)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return app.BundleFile{}, fmt.Errorf("requesting the bundle: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return app.BundleFile{}, replyError(resp, "requesting the bundle")
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return app.BundleFile{}, fmt.Errorf("receiving the bundle: %w", err)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return app.BundleFile{}, fmt.Errorf("receiving the bundle: %d of %d bytes", n, resp.ContentLength)
	}
	events, _ := strconv.Atoi(resp.Header.Get(EventsHeader))
	name := "hoso.hsb"
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		name = params["filename"]
	}
	return app.BundleFile{Filename: name, BundleResult: app.BundleResult{Events: events, Bytes: n}}, nil
}

// replyError reads a refused request's error body.
func replyError(resp *http.Response, doing string) error {
	var eb ErrorBody
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if json.Unmarshal(body, &eb) == nil && eb.Error.Code != "" {
		return &app.Error{Code: eb.Error.Code, Message: eb.Error.Message, Field: eb.Error.Field, Params: eb.Error.Params, Details: eb.Error.Details}
	}
	return fmt.Errorf("%s: HTTP %s", doing, resp.Status)
}
