package demo

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hoso/app"
	"hoso/attach"
	"hoso/calendar"
	"hoso/dossier"
)

// scans digitizes the demo's dossiers once they are all written (issue
// 20), so that the file index and the screens are realistic: three
// dossiers in four get a scan of each paper (the first paper of some in
// two pages), four resolved dossiers in five their electronic result, and
// a few citizens come back with a new dossier that reuses a paper
// digitized before. The files are tiny and made here, each different (a
// grey page with lines and noise seeded by the dossier), so the demo
// stays small and fast. The scans are recorded as dossier.scanned by the
// home commune's clerk, as a bulk digitization of the year's papers is.
func scans(c caller, sessions map[string]string, clerkID string, now time.Time) error {
	clerk := sessions["vanthu"]
	put := func(name string, data []byte) (attach.Ref, error) {
		var ref attach.Ref
		err := c.call(clerk, "Files.Put", app.FilePutRequest{Name: name, Content: base64.StdEncoding.EncodeToString(data)}, &ref)
		return ref, err
	}
	act := func(code string, b dossier.Scanned) error {
		body, err := json.Marshal(b)
		if err != nil {
			return err
		}
		return c.call(clerk, "Dossiers.Act", app.ActRequest{Code: code, Action: string(dossier.KindScanned), Body: body, Quiet: true}, nil)
	}
	var returning []dossier.Dossier
	scan := func(i int, code string) error {
		var got app.DossierReply
		if err := c.call(clerk, "Dossiers.Get", app.DossierRequest{Code: code}, &got); err != nil {
			return fmt.Errorf("reading %s: %w", code, err)
		}
		d := got.Dossier
		if i%4 != 3 {
			for p, doc := range d.Documents {
				pages := 1
				if p == 0 && i%3 == 0 {
					pages = 2
				}
				var refs []attach.Ref
				for pg := 1; pg <= pages; pg++ {
					ref, err := put(fmt.Sprintf("%s-giay-%d-trang-%d.png", code, p+1, pg), scanPage(code, p*10+pg))
					if err != nil {
						return fmt.Errorf("scanning %s: %w", code, err)
					}
					refs = append(refs, ref)
				}
				if err := act(code, dossier.Scanned{Paper: p + 1, Files: refs}); err != nil {
					return fmt.Errorf("attaching the scans of %s, paper %d (%s): %w", code, p+1, doc.Name, err)
				}
			}
			if len(d.Documents) > 0 && d.Status == dossier.StatusReturned && !d.Applicant.IsOrganisation() && len(returning) < 3 {
				returning = append(returning, d)
			}
		}
		if (d.Status == dossier.StatusReturned || d.Status == dossier.StatusResultAtDesk) && i%5 != 4 {
			ref, err := put(code+"-ket-qua.pdf", resultPDF(code, now))
			if err != nil {
				return fmt.Errorf("the result of %s: %w", code, err)
			}
			if err := act(code, dossier.Scanned{Result: true, Files: []attach.Ref{ref}}); err != nil {
				return fmt.Errorf("attaching the result of %s: %w", code, err)
			}
		}
		return nil
	}

	// The home clerk's receptions, a day at a time from the year's first:
	// each search is one day of one desk's work, however big the year.
	i := 0
	for day := now.AddDate(-1, 0, -1); !day.After(now); day = day.AddDate(0, 0, 1) {
		d := day.In(calendar.Zone).Format(time.DateOnly)
		var codes []string
		for page := 1; ; page++ {
			var r app.SearchReply
			req := app.SearchRequest{ReceivedBy: clerkID, ReceivedFrom: d, ReceivedTo: d, Page: page, PageSize: 200}
			if err := c.call(clerk, "Dossiers.Search", req, &r); err != nil {
				return fmt.Errorf("listing the dossiers to scan: %w", err)
			}
			for _, it := range r.Items {
				codes = append(codes, it.Code)
			}
			if !r.More {
				break
			}
		}
		for _, code := range codes {
			if err := scan(i, code); err != nil {
				return err
			}
			i++
		}
	}
	// A few citizens come back for the same procedure: the desk takes the
	// papers digitized before instead of scanning them again.
	for _, d := range returning {
		var offer app.ReusableReply
		if err := c.call(clerk, "Dossiers.Reusable", app.ReusableRequest{IDNumber: d.Applicant.CitizenID, Procedure: d.Procedure.Code}, &offer); err != nil {
			return fmt.Errorf("the reusable papers of %s: %w", d.Code, err)
		}
		docs := make([]dossier.ReceivedDocument, 0, len(d.Documents))
		for _, doc := range d.Documents {
			doc.Files = nil
			for _, p := range offer.Papers {
				if p.Name == doc.Name && len(p.Files) > 0 {
					doc.Reused = &dossier.Reuse{Dossier: p.Files[0].Dossier, File: p.Files[0].File}
				}
			}
			docs = append(docs, doc)
		}
		req := app.ReceiveRequest{Procedure: d.Procedure.Code, Applicant: d.Applicant, Channel: dossier.ChannelInPerson, Documents: docs, Sets: 1}
		if err := c.call(clerk, "Dossiers.Receive", req, nil); err != nil {
			return fmt.Errorf("receiving again for %s: %w", d.Code, err)
		}
	}
	return nil
}

// scanPage is a small grey page: lines of "text" and a scanner's noise,
// seeded by the dossier's code and the page, so no two pages are one file.
func scanPage(code string, page int) []byte {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", code, page)
	rng := rand.New(rand.NewPCG(h.Sum64(), 20))
	const w, hgt = 42, 60
	img := image.NewGray(image.Rect(0, 0, w, hgt))
	for i := range img.Pix {
		img.Pix[i] = 0xf4
		if rng.IntN(14) == 0 {
			img.Pix[i] = uint8(0xc0 + rng.IntN(0x30))
		}
	}
	for y := 6; y < hgt-6; y += 4 {
		end := 6 + rng.IntN(w-10)
		for x := 4; x < end; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(0x30 + rng.IntN(0x40))})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // an in-memory image always encodes
	}
	return b.Bytes()
}

// resultPDF is a one-page decision naming the dossier, as the deciding
// agency's PDF would.
func resultPDF(code string, at time.Time) []byte {
	p := gofpdf.New("P", "mm", "A5", "")
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.AddPage()
	p.SetFont("Helvetica", "B", 12)
	p.Cell(0, 10, "QUYET DINH (du lieu thu)")
	p.Ln(10)
	p.SetFont("Helvetica", "", 10)
	p.Cell(0, 8, "Ho so "+code)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		panic(err) // a page of text always renders
	}
	return b.Bytes()
}
