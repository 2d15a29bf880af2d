package syncbench

// The peer's dossiers: pouch/dump.js writes them one JSON document a line;
// this file finds the script, runs it, and turns each document into events
// the way the commune writes them.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"hoso/store"
)

const (
	// loadBatch is the number of events one local write transaction holds
	// while loading: a local write is one transaction, refused above 15%
	// of a desk's 2 MB memtable.
	loadBatch = 250
	// maxDocLine bounds one dossier document of the dump.
	maxDocLine = 1 << 24
	// dossierKind is the kind of every event the benchmark writes: one
	// per history step of a dossier.
	dossierKind = "dossier.step"
)

// FindDump locates pouch/dump.js: flagPath if given, else
// ../shared/bench-peers/pouch/dump.js next to the repository (searched
// upwards from the working folder) or next to the binary.
func FindDump(flagPath string) (string, error) {
	if flagPath != "" {
		if _, err := os.Stat(flagPath); err != nil {
			return "", fmt.Errorf("--dump %s: %w", flagPath, err)
		}
		return flagPath, nil
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	rel := filepath.Join("..", "shared", "bench-peers", "pouch", "dump.js")
	for _, s := range starts {
		for d := s; ; d = filepath.Dir(d) {
			p := filepath.Join(d, rel)
			if _, err := os.Stat(p); err == nil {
				return filepath.Clean(p), nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", fmt.Errorf("pouch/dump.js not found (give --dump PATH); looked for %s next to the repository and the binary", rel)
}

// nodeJS finds Node.js, which runs dump.js.
func nodeJS() (string, error) {
	bin, err := exec.LookPath("node")
	if err != nil {
		return "", errors.New("node (Node.js >= 20) is not on PATH: it is needed to run pouch/dump.js")
	}
	return bin, nil
}

// writeDocs runs dump.js with Node.js (nodeBin) for n dossiers into the
// file path and returns the file's size.
func writeDocs(nodeBin, dump string, n int, path string) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(nodeBin, dump, strconv.Itoa(n))
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = f, &errb
	if err := cmd.Run(); err != nil {
		f.Close()
		return 0, fmt.Errorf("node %s %d: %v: %s", dump, n, err, strings.TrimSpace(errb.String()))
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// dossierEvents turns one dossier document into its events' bodies: one
// per history step, the first also carrying the dossier's other fields
// (in the document's order, without _id, which is in the subject).
func dossierEvents(line []byte) (id string, bodies [][]byte, lastAt string, err error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", nil, "", fmt.Errorf("a dossier is not a JSON object: %.60s", line)
	}
	var other bytes.Buffer
	var history []json.RawMessage
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", nil, "", err
		}
		k, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return "", nil, "", err
		}
		switch k {
		case "_id":
			if err := json.Unmarshal(v, &id); err != nil {
				return "", nil, "", err
			}
		case "history":
			if err := json.Unmarshal(v, &history); err != nil {
				return "", nil, "", err
			}
		default:
			kb, _ := json.Marshal(k)
			other.WriteByte(',')
			other.Write(kb)
			other.WriteByte(':')
			other.Write(v)
		}
	}
	if id == "" || len(history) == 0 {
		return "", nil, "", fmt.Errorf("a dossier without _id or history: %.60s", line)
	}
	for i, step := range history {
		s := bytes.TrimSpace(step)
		if i == 0 && other.Len() > 0 && len(s) >= 2 && s[len(s)-1] == '}' {
			b := make([]byte, 0, len(s)+other.Len())
			b = append(b, s[:len(s)-1]...)
			if len(s) == 2 { // {} : drop the leading comma
				b = append(b, other.Bytes()[1:]...)
			} else {
				b = append(b, other.Bytes()...)
			}
			s = append(b, '}')
		}
		bodies = append(bodies, s)
	}
	var last struct {
		At string `json:"at"`
	}
	_ = json.Unmarshal(history[len(history)-1], &last)
	return id, bodies, last.At, nil
}

// scanDocs calls fn with each non-blank line of the file and its index
// among them.
func scanDocs(path string, fn func(i int, line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), maxDocLine)
	i := 0
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := fn(i, sc.Bytes()); err != nil {
			return fmt.Errorf("%s line %d: %w", path, i+1, err)
		}
		i++
	}
	return sc.Err()
}

// loadDocs writes every dossier of the file as events of office owner,
// loadBatch per transaction.
func loadDocs(st *store.Store, owner, path string) (dossiers, events int, err error) {
	var drafts []store.Draft
	flush := func() error {
		if len(drafts) == 0 {
			return nil
		}
		if _, err := st.AppendBatch(drafts); err != nil {
			return err
		}
		events += len(drafts)
		drafts = drafts[:0]
		return nil
	}
	err = scanDocs(path, func(_ int, line []byte) error {
		id, bodies, _, err := dossierEvents(line)
		if err != nil {
			return err
		}
		dossiers++
		for _, b := range bodies {
			drafts = append(drafts, store.Draft{Owner: owner, Kind: dossierKind, Subject: "dossier/" + id, Body: b})
		}
		if len(drafts) >= loadBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return dossiers, events, err
}

// modifyDocs appends one step to count of the total dossiers of the file,
// spread evenly, as pouch's modifyDoc does (a new step YEU_CAU_BO_SUNG an
// hour after the last, status CHO_BO_SUNG), in one transaction.
func modifyDocs(st *store.Store, owner, path string, total, count int) (int, error) {
	if count <= 0 {
		return 0, nil
	}
	step := max(1, total/count)
	var drafts []store.Draft
	err := scanDocs(path, func(i int, line []byte) error {
		if i%step != 0 || i/step >= count {
			return nil
		}
		id, _, lastAt, err := dossierEvents(line)
		if err != nil {
			return err
		}
		at := lastAt
		if t, err := time.Parse(time.RFC3339, lastAt); err == nil {
			at = t.Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
		}
		body, _ := json.Marshal(struct {
			Actor     string `json:"actor"`
			At        string `json:"at"`
			Action    string `json:"action"`
			Status    string `json:"status"`
			UpdatedAt string `json:"updatedAt"`
		}{"Nguyễn Đức Thắng", at, "YEU_CAU_BO_SUNG", "CHO_BO_SUNG", at})
		drafts = append(drafts, store.Draft{Owner: owner, Kind: dossierKind, Subject: "dossier/" + id, Body: body})
		return nil
	})
	if err != nil {
		return 0, err
	}
	if _, err := st.AppendBatch(drafts); err != nil {
		return 0, err
	}
	return len(drafts), nil
}
