package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
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
