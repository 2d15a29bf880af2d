package app

import (
	"errors"
	"strconv"

	"hoso/store"
)

// Languages the interface is translated into.
var languages = map[string]bool{"vi": true, "en": true}

// System answers questions about the node itself.
type System struct {
	core *Core
	opts SystemOptions
}

// SystemOptions configure the System service.
type SystemOptions struct {
	// Version is the program's version string.
	Version string
	// OnInfo, when set, is called after every successful Info call. The
	// desktop's smoke mode uses it to learn that the window reached Go.
	OnInfo func()
}

// NewSystem returns the System service.
func NewSystem(core *Core, opts SystemOptions) *System {
	return &System{core: core, opts: opts}
}

// Office names the office this node works for.
type Office struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Info describes the node: what runs, for which office, where its data is.
type Info struct {
	Version   string `json:"version"`
	Office    Office `json:"office"`
	PeerID    string `json:"peerId"`
	DataDir   string `json:"dataDir"`
	Language  string `json:"language"`
	SyncState string `json:"syncState"`
	// Desk is this desk's index in its office (see SetDesk).
	Desk int `json:"desk"`
}

// Info returns the node's description.
func (s *System) Info() (Info, error) {
	d, err := s.core.Deps()
	if err != nil {
		return Info{}, err
	}
	info := Info{
		Version: s.opts.Version,
		PeerID:  d.PeerID,
		DataDir: d.DataDir,
		// Sync arrives with the sync issue; until then a node never syncs.
		SyncState: "offline",
	}
	for name, dst := range map[string]*string{
		store.LocalLanguage:   &info.Language,
		store.LocalOfficeCode: &info.Office.Code,
		store.LocalOfficeName: &info.Office.Name,
	} {
		v, err := d.Store.Local(name)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return Info{}, Wrap(CodeInternal, err, "reading node settings")
		}
		*dst = string(v)
	}
	info.Desk = deskIndex(d.Store)
	if s.opts.OnInfo != nil {
		s.opts.OnInfo()
	}
	return info, nil
}

// LanguageRequest chooses the interface language.
type LanguageRequest struct {
	Language string `json:"language"`
}

// SetLanguage remembers the interface language ("vi" or "en") on this node.
func (s *System) SetLanguage(req LanguageRequest) (LanguageRequest, error) {
	if !languages[req.Language] {
		return LanguageRequest{}, FieldError("language", "language must be vi or en")
	}
	d, err := s.core.Deps()
	if err != nil {
		return LanguageRequest{}, err
	}
	if err := d.Store.SetLocal(store.LocalLanguage, []byte(req.Language)); err != nil {
		return LanguageRequest{}, Wrap(CodeInternal, err, "saving the language")
	}
	return req, nil
}

// SetupOffice records which office this node works for. It is what `hoso-node
// init` and the demo data use until offices become synced records.
func SetupOffice(st *store.Store, office Office) error {
	if office.Code == "" {
		return nil
	}
	if err := st.SetLocal(store.LocalOfficeCode, []byte(office.Code)); err != nil {
		return err
	}
	return st.SetLocal(store.LocalOfficeName, []byte(office.Name))
}

// DeskRequest sets this desk's index in its office (0–9): the first digit
// of the dossier codes it issues, so that desks never collide.
type DeskRequest struct {
	Index int `json:"index"`
}

// SetDesk records this desk's index. Each desk of an office needs its own.
func (s *System) SetDesk(req DeskRequest) (DeskRequest, error) {
	if req.Index < 0 || req.Index > 9 {
		return DeskRequest{}, FieldError("index", "the desk index is 0 to 9")
	}
	d, err := s.core.Deps()
	if err != nil {
		return DeskRequest{}, err
	}
	if err := d.Store.SetLocal(store.LocalDeskIndex, []byte(strconv.Itoa(req.Index))); err != nil {
		return DeskRequest{}, Wrap(CodeInternal, err, "saving the desk index")
	}
	return req, nil
}
