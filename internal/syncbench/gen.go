package syncbench

// A fast writer of synthetic history for the memory benchmark: n events in
// dossiers of a few steps each, written straight into the store in large
// batches, without Node.js or a documents file, so that a store of
// millions of events is made in minutes.

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"hoso/store"
)

const (
	// genBatch is the number of events one generated write transaction
	// holds: a local write is one transaction, refused when it does not
	// fit a desk's memtable (15% of 2 MB: ~300 KB).
	genBatch = 400
	// genSteps is the number of steps of a generated dossier: 6.5 events a
	// dossier on average in the province's demo (1.3M events, 200k
	// dossiers).
	genSteps = 6
)

// genActions are the steps of a generated dossier, in order.
var genActions = [genSteps]string{"TIEP_NHAN", "CHUYEN_XU_LY", "THAM_DINH", "KY_DUYET", "TRA_KET_QUA", "LUU_TRU"}

// genNames and genWords vary the bodies, so that tables hold text of the
// size and variety of real dossiers.
var (
	genNames = []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Hoàng Minh Đức", "Vũ Thị Hà", "Đặng Quốc Huy", "Bùi Thanh Lan"}
	genWords = []string{"hồ sơ", "đăng ký", "khai sinh", "chứng thực", "bản sao", "hộ tịch", "đất đai", "xác nhận", "cư trú", "bổ sung", "giấy tờ", "thôn", "xã", "huyện"}
)

// genEvents writes n events of office owner into st, genBatch a
// transaction; seed makes the bodies repeatable.
func genEvents(st *store.Store, owner string, n int, seed uint64) (dossiers, events int, err error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	drafts := make([]store.Draft, 0, genBatch)
	for events < n {
		d := events / genSteps
		step := events % genSteps
		if step == 0 {
			dossiers++
		}
		drafts = append(drafts, store.Draft{Owner: owner, Kind: dossierKind,
			Subject: "dossier/" + benchDistrictPath + "-" + strconv.Itoa(260000+d/1000) + "-" + fmt.Sprintf("%06d", d),
			Body:    genBody(rng, d, step)})
		events++
		if len(drafts) == cap(drafts) || events == n {
			if _, err := st.AppendBatch(drafts); err != nil {
				return dossiers, events - len(drafts), fmt.Errorf("writing generated events: %w", err)
			}
			drafts = drafts[:0]
		}
	}
	return dossiers, events, nil
}

// benchDistrictPath prefixes the generated dossiers' numbers, as
// pouch/lib/docs.js does.
const benchDistrictPath = "38.380.15787"

// genBody is the JSON body of step step of dossier d: ~250 bytes, the
// first step ~500 with the applicant's fields.
func genBody(rng *rand.Rand, d, step int) []byte {
	b := make([]byte, 0, 640)
	b = append(b, `{"actor":`...)
	b = strconv.AppendQuote(b, genNames[rng.IntN(len(genNames))])
	b = append(b, `,"at":"2026-`...)
	b = append(b, fmt.Sprintf("%02d-%02dT%02d:%02d:00Z", 1+d%12, 1+d%28, 7+step, rng.IntN(60))...)
	b = append(b, `","action":"`...)
	b = append(b, genActions[step]...)
	b = append(b, `","note":"`...)
	for range 6 + rng.IntN(12) {
		b = append(b, genWords[rng.IntN(len(genWords))]...)
		b = append(b, ' ')
	}
	b = append(b, '"')
	if step == 0 {
		b = append(b, `,"procedure":"1.00`...)
		b = strconv.AppendInt(b, int64(rng.IntN(9000)+1000), 10)
		b = append(b, `","applicant":{"name":`...)
		b = strconv.AppendQuote(b, genNames[rng.IntN(len(genNames))])
		b = append(b, `,"idNumber":"038`...)
		b = strconv.AppendInt(b, int64(rng.Uint32()), 10)
		b = append(b, `","phone":"09`...)
		b = strconv.AppendInt(b, int64(rng.IntN(90000000)+10000000), 10)
		b = append(b, `","address":"Thôn `...)
		b = strconv.AppendInt(b, int64(rng.IntN(20)+1), 10)
		b = append(b, `, xã Quảng Phú, tỉnh Thanh Hóa"},"dueAt":"2026-12-31T17:00:00Z","fee":`...)
		b = strconv.AppendInt(b, int64(rng.IntN(10))*10000, 10)
	}
	return append(b, '}')
}
