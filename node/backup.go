package node

import (
	"archive/tar"
	"bytes"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"hoso/app"
	"hoso/p2p"
	"hoso/seal"
)

// A node backup is a tar stream:
//
//	manifest.json  what this is: format "hoso-backup", version 1, peer ID, time
//	datakey.json   the sealed data key, exactly as in the data folder
//	payload.age    age-encrypted tar of identity.key and the database
//	               (Badger's backup stream), under a passphrase derived
//	               from the data key with HKDF-SHA256
//
// So a backup is only as readable as the data folder itself: whoever can
// unseal the data key (key file, passphrase, OS store, or the office
// recovery key) can restore it, and nobody else.
const (
	backupFormat  = "hoso-backup"
	backupVersion = 1
	backupInfo    = "hoso backup v1"
	// Restoring holds the database stream in memory no larger than this.
	maxBackupMember = 64 << 30
)

// manifest is the backup's plain-text description.
type manifest struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	PeerID  string    `json:"peerId"`
	Created time.Time `json:"created"`
}

// backupPassphrase derives the age passphrase of a backup from the data key.
func backupPassphrase(dataKey []byte) (string, error) {
	k, err := hkdf.Key(sha256.New, dataKey, nil, backupInfo, 32)
	if err != nil {
		return "", err
	}
	return base64.RawStdEncoding.EncodeToString(k), nil
}

// Backup writes a full, encrypted backup of the node to w.
func (n *Node) Backup(w io.Writer) error {
	sealed, err := os.ReadFile(filepath.Join(n.Dir, seal.FileName))
	if err != nil {
		return fmt.Errorf("reading the sealed key: %w", err)
	}
	ident, err := os.ReadFile(filepath.Join(n.Dir, p2p.IdentityFile))
	if err != nil {
		return fmt.Errorf("reading the identity: %w", err)
	}
	man, _ := json.MarshalIndent(manifest{Format: backupFormat, Version: backupVersion, PeerID: n.Identity.PeerID.String(), Created: time.Now().UTC()}, "", "  ")
	pass, err := backupPassphrase(n.dataKey)
	if err != nil {
		return err
	}
	rcpt, err := age.NewScryptRecipient(pass)
	if err != nil {
		return err
	}
	// The passphrase has 256 bits of entropy: scrypt's work factor guards
	// nothing here, so keep it cheap.
	rcpt.SetWorkFactor(10)

	tw := tar.NewWriter(w)
	for _, f := range []struct {
		name string
		data []byte
	}{{"manifest.json", man}, {"datakey.json", sealed}} {
		if err := writeMember(tw, f.name, f.data); err != nil {
			return err
		}
	}
	// The payload's size is unknown until it is written: spool it.
	var payload bytes.Buffer
	enc, err := age.Encrypt(&payload, rcpt)
	if err != nil {
		return err
	}
	inner := tar.NewWriter(enc)
	if err := writeMember(inner, p2p.IdentityFile, ident); err != nil {
		return err
	}
	var db bytes.Buffer
	if err := n.Store.Backup(&db); err != nil {
		return err
	}
	if err := writeMember(inner, "db.badger", db.Bytes()); err != nil {
		return err
	}
	if err := inner.Close(); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if err := writeMember(tw, "payload.age", payload.Bytes()); err != nil {
		return err
	}
	return tw.Close()
}

func writeMember(tw *tar.Writer, name string, data []byte) error {
	hdr := &tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), ModTime: time.Now(), Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := tw.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// readMembers reads a tar's members into memory, refusing surprises.
func readMembers(r io.Reader, want ...string) (map[string][]byte, error) {
	tr := tar.NewReader(r)
	out := map[string][]byte{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the backup: %w", err)
		}
		if hdr.Size < 0 || hdr.Size > maxBackupMember {
			return nil, fmt.Errorf("backup member %s is too large", hdr.Name)
		}
		b, err := io.ReadAll(io.LimitReader(tr, hdr.Size))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", hdr.Name, err)
		}
		out[hdr.Name] = b
	}
	for _, w := range want {
		if _, ok := out[w]; !ok {
			return nil, fmt.Errorf("the backup has no %s", w)
		}
	}
	return out, nil
}

// RestoreOptions configure Restore.
type RestoreOptions struct {
	// Dir is the new data folder; it must not hold a node.
	Dir string
	// From is the backup.
	From io.Reader
	// Unlock unseals the backup's data key (key file, passphrase, recovery
	// key); Dir is filled in.
	Unlock seal.UnlockOptions
	// Reseal, when set, seals the key again for the new machine (a key file
	// here, say); a new recovery key is then issued. Dir is filled in.
	Reseal *seal.CreateOptions
	// As says what the restore is for; it is required.
	As RestoreAs
	// Force restores a replacement although the backup shows its device
	// syncing recently (the operator knows the old machine is gone).
	Force bool
	// Now is the clock that tells "recently"; nil means time.Now.
	Now func() time.Time
}

// RestoreAs says what a restore is for. Every device signs its events with
// its own identity, and its peers refuse two different events under one
// identity and sequence (equivocation): two machines running with one
// identity split the province's histories. So a restore either replaces
// the backup's device or makes a new one.
type RestoreAs string

const (
	// RestoreReplacement puts a broken machine's node on a new one: the
	// same identity, certificate and sequence. The old machine must never
	// run again.
	RestoreReplacement RestoreAs = "replacement"
	// RestoreCopy makes a new device holding the backup's data: a new
	// identity, whose events are its own origin from sequence 1; the
	// original's events stay the original's, verifiable as before. It is
	// not enrolled: the original's certificate names the original's key,
	// so the copy is enrolled like any new device.
	RestoreCopy RestoreAs = "copy"
)

// RecentlySeen is how recently a backup's device may have been seen
// syncing before a restore as its replacement is refused (unless
// forced): less than 24 hours before the restore, by the backup's own
// records (p2p.LastSeenSyncing, no later than the backup's time). A device
// seen syncing that recently may well still run — someone copying a
// working desk — and a clerk restoring a broken desk confirms with
// --force that the old machine is gone.
const RecentlySeen = 24 * time.Hour

// Restored is what Restore reports.
type Restored struct {
	// Node is the restored node, open.
	*Node
	// Created is the new seal's recovery key, when RestoreOptions.Reseal
	// was given.
	Created *seal.Created
	// As is what the restore was for.
	As RestoreAs
	// Original is the backup's device (peer ID): the restored node's for a
	// replacement, another for a copy.
	Original string
	// LastSeen is when the backup's records last show its device syncing,
	// zero if they show none.
	LastSeen time.Time
	// lock is the restored folder's lock, taken before anything is written
	// and held until Close, so no serve, init or desktop opens the folder
	// while the restore is finishing.
	lock *FolderLock
}

// Close closes the restored node, then lets the folder go.
func (r *Restored) Close() error {
	err := r.Node.Close()
	r.lock.Unlock()
	return err
}

// Restore rebuilds a node from a backup into a new data folder, as the
// backup's device's replacement or as a copy (RestoreAs). It works in a
// temporary folder beside Dir and renames it into place only when
// everything is restored, so a failure leaves nothing half-written.
func Restore(opts RestoreOptions) (*Restored, error) {
	return restore(opts)
}

func restore(opts RestoreOptions) (*Restored, error) {
	if opts.As != RestoreReplacement && opts.As != RestoreCopy {
		return nil, &app.Error{Code: app.CodeInvalidInput, Field: "as", Message: "say what the restore is for: replacement (this machine replaces the backup's, which never runs again; same identity) or copy (a new device with its own identity, to be enrolled)"}
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the data folder path is not valid")
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, app.Errorf(app.CodeInvalidInput, "%s is not empty: restore into a new folder", dir)
	}
	outer, err := readMembers(opts.From, "manifest.json", "datakey.json", "payload.age")
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "this is not a hoso backup: "+err.Error())
	}
	var man manifest
	if err := json.Unmarshal(outer["manifest.json"], &man); err != nil || man.Format != backupFormat {
		return nil, app.Errorf(app.CodeInvalidInput, "this is not a hoso backup")
	}
	if man.Version != backupVersion {
		return nil, app.Errorf(app.CodeInvalidInput, "backup version %d is newer than this program", man.Version)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the data folder")
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".restore-*")
	if err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the data folder")
	}
	defer os.RemoveAll(tmp)
	// The folder's lock is taken in the temporary folder and moves with it
	// when it is renamed into place: from the moment the folder exists
	// under its name, the restore holds it (see serving.go).
	lock, _, err := tryLock(tmp)
	if err != nil {
		return nil, err
	}
	held := false
	defer func() {
		if !held {
			lock.Unlock()
		}
	}()
	if err := writePrivate(filepath.Join(tmp, seal.FileName), outer["datakey.json"]); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot write the sealed key")
	}
	u := opts.Unlock
	u.Dir = tmp
	key, err := seal.Unlock(u)
	if err != nil {
		return nil, sealError(err)
	}
	pass, err := backupPassphrase(key)
	if err != nil {
		return nil, app.Wrap(app.CodeInternal, err, "deriving the backup key")
	}
	ident, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, app.Wrap(app.CodeInternal, err, "deriving the backup key")
	}
	dec, err := age.Decrypt(bytes.NewReader(outer["payload.age"]), ident)
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the backup's contents cannot be decrypted: it is damaged or not this key's")
	}
	inner, err := readMembers(dec, p2p.IdentityFile, "db.badger")
	if err != nil {
		return nil, app.Wrap(app.CodeInvalidInput, err, "the backup is damaged: "+err.Error())
	}
	// A replacement keeps the backup's identity; a copy gets its own when
	// the database opens (openWithKey creates it).
	if opts.As == RestoreReplacement {
		if err := writePrivate(filepath.Join(tmp, p2p.IdentityFile), inner[p2p.IdentityFile]); err != nil {
			return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot write the identity")
		}
	}
	if _, err := EnsureToken(tmp); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot create the console token")
	}
	n, err := openWithKey(tmp, key, "", nil, nil)
	if err != nil {
		return nil, err
	}
	if err := n.Store.Restore(bytes.NewReader(inner["db.badger"])); err != nil {
		n.Close()
		return nil, app.Wrap(app.CodeInvalidInput, err, "the backup's database cannot be loaded")
	}
	res := &Restored{As: opts.As, Original: man.PeerID, LastSeen: p2p.LastSeenSyncing(n.Store)}
	if !man.Created.IsZero() && res.LastSeen.After(man.Created) {
		res.LastSeen = man.Created // the backup saw nothing later
	}
	switch {
	case opts.As == RestoreCopy:
		if err := p2p.ForgetDevice(n.Store); err != nil {
			n.Close()
			return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot clear the original device's enrolment")
		}
	case !res.LastSeen.IsZero() && now().Sub(res.LastSeen) < RecentlySeen && !opts.Force:
		n.Close()
		return nil, &app.Error{Code: app.CodeConflict, Field: "as",
			Params: map[string]string{"peer": man.PeerID, "lastSeen": res.LastSeen.UTC().Format(time.RFC3339)},
			Message: fmt.Sprintf("the backup shows its device %s syncing at %s, less than %d hours ago: if it still runs, two machines would sign as one. "+
				"Make sure the old machine is off for good and restore again with --force, or restore --as copy",
				man.PeerID, res.LastSeen.UTC().Format(time.RFC3339), int(RecentlySeen.Hours()))}
	}
	if err := n.Close(); err != nil {
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot finish the restore")
	}
	var created *seal.Created
	u = opts.Unlock
	if opts.Reseal != nil {
		c, err := seal.Rewrap(tmp, key, *opts.Reseal)
		if err != nil {
			return nil, sealError(err)
		}
		created = &c
		u = seal.UnlockOptions{Passphrase: opts.Reseal.Passphrase}
	}
	os.Remove(dir) // an empty target folder gives way to the restored one
	if err := os.Rename(tmp, dir); err != nil {
		if entries, rerr := os.ReadDir(dir); rerr == nil && len(entries) > 0 {
			// Another program (an init, a desktop) took the folder while
			// the backup was being restored.
			return nil, app.Wrap(app.CodeDataInUse, err, dir+" was taken by another program during the restore: restore into a new folder")
		}
		return nil, app.Wrap(app.CodeDataUnavailable, err, "cannot move the restored folder into place")
	}
	u.Dir = dir
	if res.Node, err = Open(u); err != nil {
		return nil, err
	}
	res.Created, res.lock, held = created, lock, true
	return res, nil
}
