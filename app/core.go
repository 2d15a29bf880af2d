package app

import (
	"sync"

	"hoso/store"
)

// Deps is what the services need once the data folder is open.
type Deps struct {
	// Store is the node's open database.
	Store *store.Store
	// PeerID is the node's libp2p peer ID, its identity on the network.
	PeerID string
	// DataDir is the absolute path of the data folder.
	DataDir string
}

// Core hands the opened dependencies to every service. The desktop binds its
// services to the window before the data folder is opened (Wails opens the
// folder in OnStartup, and `wails build` runs the binary to generate bindings),
// so services hold a Core and ask it for their dependencies on each call.
type Core struct {
	mu   sync.RWMutex
	deps *Deps
	err  *Error
}

// Ready installs the opened dependencies.
func (c *Core) Ready(d Deps) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deps, c.err = &d, nil
}

// Failed records why the data folder could not be opened; every call then
// returns that error.
func (c *Core) Failed(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deps, c.err = nil, AsError(err)
}

// Deps returns the dependencies, or the error that explains why they are not
// there.
func (c *Core) Deps() (*Deps, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.err != nil {
		return nil, c.err
	}
	if c.deps == nil {
		return nil, Errorf(CodeNotReady, "the data folder is still being opened")
	}
	return c.deps, nil
}
