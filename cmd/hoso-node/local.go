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
// opened in this process (holding its lock).
type target struct {
	client  *web.Client
	serving node.Serving
	local   *node.Node
	lock    *node.FolderLock
	svcs    *app.Services
}

// handoverPoll is how often a CLI call waiting for a serve still starting
// (or another call holding the folder) looks again.
const handoverPoll = 200 * time.Millisecond

// openTarget finds the node serving dir and talks to it; when none serves,
// it opens the folder itself. So the CLI works whether or not a node runs,
// and Badger's directory lock never reaches the user.
func openTarget(dir, keyFile string) (*target, error) {
	t, err := handover(dir, func() (*node.Node, error) {
		return node.Open(seal.UnlockOptions{Dir: dir, KeyFile: keyFile})
	})
	if err == nil && t.local != nil {
		t.svcs = newServices(t.local)
	}
	return t, err
}

// handover decides by the folder's lock who has dir (see node.TryLockFolder),
// never by serve.json alone: a record left by a serve killed with -9 is
// ignored (the lock died with it), and a serve still starting is waited for
// rather than raced for the database. With the lock free it opens the
// folder with open, holding the lock until close; with open nil it
// answers unreachable instead.
func handover(dir string, open func() (*node.Node, error)) (*target, error) {
	deadline := time.Now().Add(node.HandoverWait)
	for {
		lock, free, err := node.TryLockFolder(dir)
		if err != nil {
			return nil, err
		}
		if free {
			if open == nil {
				lock.Unlock()
				return nil, app.Errorf(app.CodeUnreachable, "no node serves %s: start hoso-node serve --data %s", dir, dir)
			}
			n, err := open()
			if err != nil {
				lock.Unlock()
				return nil, err
			}
			return &target{local: n, lock: lock}, nil
		}
		if t := dialServing(dir); t != nil {
			return t, nil
		}
		if err := node.DesktopHolds(dir); err != nil {
			return nil, err
		}
		if !time.Now().Before(deadline) {
			return nil, app.Errorf(app.CodeDataInUse, "another program (a hoso-node call or init, or the desktop app) has %s open and no node answers there within %s: wait for it to finish, or close it", dir, node.HandoverWait)
		}
		time.Sleep(handoverPoll)
	}
}

// dialServing returns a target on the node that serve.json names when it
// answers, else nil (not started yet, or a dead serve's record).
func dialServing(dir string) *target {
	s, ok := node.ReadServing(dir)
	if !ok {
		return nil
	}
	tok, err := node.ReadOperatorToken(dir)
	if err != nil {
		return nil
	}
	c := &web.Client{Base: s.URL, Token: tok}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if _, err := c.Call(ctx, "System.Info", nil); err != nil && !isServiceError(err) {
		return nil
	}
	return &target{client: c, serving: s}
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

// close releases the folder when this process opened it: the database
// first, then the lock.
func (t *target) close() {
	if t.local != nil {
		t.local.Close()
	}
	t.lock.Unlock()
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
