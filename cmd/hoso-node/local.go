package main

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"hoso/app"
	"hoso/buildinfo"
	"hoso/node"
	"hoso/seal"
	"hoso/web"
)

// target is where a CLI call goes: a node serving the folder, or the folder
// opened in this process.
type target struct {
	client  *web.Client
	serving node.Serving
	local   *node.Node
	svcs    *app.Services
}

// openTarget finds the node serving dir and talks to it; when none answers,
// it opens the folder itself. So the CLI works whether or not a node runs,
// and Badger's directory lock never reaches the user.
func openTarget(dir, keyFile string) (*target, error) {
	if s, ok := node.ReadServing(dir); ok {
		if tok, err := node.ReadOperatorToken(dir); err == nil {
			c := &web.Client{Base: s.URL, Token: tok}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			_, err := c.Call(ctx, "System.Info", nil)
			cancel()
			if err == nil || isServiceError(err) {
				return &target{client: c, serving: s}, nil
			}
		}
	}
	n, err := node.Open(seal.UnlockOptions{Dir: dir, KeyFile: keyFile})
	if err != nil {
		return nil, err
	}
	return &target{local: n, svcs: newServices(n)}, nil
}

// newServices builds the services on an open node.
func newServices(n *node.Node) *app.Services {
	return newServicesWith(n, node.NewSyncEngine(n, nil))
}

// newServicesWith builds the services with a sync engine.
func newServicesWith(n *node.Node, eng *node.SyncEngine) *app.Services {
	core := &app.Core{}
	core.Ready(n.Deps())
	return app.NewServices(core, app.ServicesOptions{
		System: app.SystemOptions{Version: buildinfo.Version},
		Opener: app.OpenVault{Method: string(n.KeyMethod)},
		Sync:   func() app.SyncEngine { return eng },
	})
}

// call invokes a method on the target and returns its JSON reply.
func (t *target) call(method string, params []byte) (json.RawMessage, error) {
	if t.client != nil {
		return t.client.Call(context.Background(), method, params)
	}
	out, err := t.svcs.CallAs(context.Background(), "", true, method, params)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, app.Wrap(app.CodeInternal, err, "encoding the reply")
	}
	return b, nil
}

// close releases the folder when this process opened it.
func (t *target) close() {
	if t.local != nil {
		t.local.Close()
	}
}

// isServiceError reports whether err came from the service (the node
// answered) rather than from the transport.
func isServiceError(err error) bool {
	var e *app.Error
	return errors.As(err, &e)
}

// callOnce opens the target of a data folder, calls one method with params
// and, when out is not nil, decodes the reply into it; it returns the raw
// reply. Errors are *app.Error, ready for printError.
func callOnce(dir, keyFile, method string, params, out any) (json.RawMessage, error) {
	t, err := openTarget(dir, keyFile)
	if err != nil {
		return nil, err
	}
	defer t.close()
	b, err := json.Marshal(params)
	if err != nil {
		return nil, app.Wrap(app.CodeInternal, err, "encoding the request")
	}
	raw, err := t.call(method, b)
	if err != nil {
		return nil, err
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return nil, app.Wrap(app.CodeInternal, err, "decoding the node's reply")
		}
	}
	return raw, nil
}
