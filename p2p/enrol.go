package p2p

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p/syncproto"
	"hoso/store"
	"hoso/trust"
)

// enrolPrefix starts an enrolment text: a device's chain and the hubs it
// should dial, for a file, an e-mail or a QR code.
const enrolPrefix = "HSENROL1."

// EnrolmentText writes a chain and hubs as text.
func EnrolmentText(ch trust.Chain, hubs []string) string {
	b := binary.AppendUvarint(nil, uint64(len(ch.Encode())))
	b = append(b, ch.Encode()...)
	b = binary.AppendUvarint(b, uint64(len(hubs)))
	for _, h := range hubs {
		b = binary.AppendUvarint(b, uint64(len(h)))
		b = append(b, h...)
	}
	return enrolPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// ParseEnrolmentText reads an enrolment text, ignoring white space.
func ParseEnrolmentText(s string) (trust.Chain, []string, error) {
	s = strings.Join(strings.Fields(s), "")
	if !strings.HasPrefix(s, enrolPrefix) {
		return nil, nil, fmt.Errorf("%w: the text does not start with %s", trust.ErrInvalid, enrolPrefix)
	}
	b, err := base64.RawURLEncoding.DecodeString(s[len(enrolPrefix):])
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", trust.ErrInvalid, err)
	}
	d := syncproto.NewDecoder(b)
	ch, err := trust.DecodeChain(d.Bytes("chain", 8192))
	if d.Err() != nil {
		return nil, nil, fmt.Errorf("%w: %v", trust.ErrInvalid, d.Err())
	}
	if err != nil {
		return nil, nil, err
	}
	n := d.Uvarint("hubs")
	if n > 16 {
		return nil, nil, fmt.Errorf("%w: too many hubs", trust.ErrInvalid)
	}
	var hubs []string
	for range n {
		h := string(d.Bytes("hub", 512))
		if d.Err() == nil {
			if _, err := peer.AddrInfoFromP2pAddr(ma.StringCast(h)); err != nil {
				return nil, nil, fmt.Errorf("%w: hub address %q", trust.ErrInvalid, h)
			}
		}
		hubs = append(hubs, h)
	}
	if err := d.End(); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", trust.ErrInvalid, err)
	}
	return ch, hubs, nil
}

// Issue enrols a device below this node: it signs the device's
// certificate for office (below this node's office, or this office itself
// for a desk), records it so that it reaches the offices that must know the
// device, and returns the text to hand to the device.
func Issue(st *store.Store, key ed25519.PrivateKey, en *Enrolment, device peer.ID, office string, role trust.Role, days int, hubs []string, now time.Time) (string, trust.Chain, error) {
	sub, err := keyOf(device)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %v", trust.ErrInvalid, err)
	}
	path := en.Chain.Leaf().Path
	if role != trust.RoleDesk {
		path += "/" + office
	} else if office != en.Chain.Leaf().Office() {
		return "", nil, fmt.Errorf("%w: a desk is enrolled by its own office", trust.ErrUntrusted)
	}
	ch, err := trust.Issue(key, en.Chain, sub, path, role, now, days)
	if err != nil {
		return "", nil, err
	}
	if err := RecordCertificate(st, "operator", en.Chain.Leaf().Office(), ch); err != nil {
		return "", nil, err
	}
	return EnrolmentText(ch, hubs), ch, nil
}

var (
	// ErrOtherDevice refuses an enrolment text issued to another device.
	ErrOtherDevice = fmt.Errorf("%w: the certificate is for another device", trust.ErrUntrusted)
	// ErrOtherProvince refuses an enrolment under another province's root
	// than the one this device was enrolled under.
	ErrOtherProvince = fmt.Errorf("%w: this device belongs to another province", trust.ErrUntrusted)
)

// Accept checks an enrolment text for this device and records it: the
// chain must name this device's key and verify against its own root.
func Accept(st *store.Store, text string, now time.Time) (*Enrolment, error) {
	ch, hubs, err := ParseEnrolmentText(text)
	if err != nil {
		return nil, err
	}
	self := st.Self()
	if !bytes.Equal(ch.Leaf().Subject, self[:]) {
		return nil, ErrOtherDevice
	}
	root := ch.Root().Subject
	if err := ch.Verify(root, now, nil); err != nil {
		return nil, err
	}
	if old, err := LoadEnrolment(st); err == nil && !bytes.Equal(old.Root, root) {
		return nil, ErrOtherProvince
	}
	en := &Enrolment{Root: root, Chain: ch, Hubs: hubs}
	if err := SaveEnrolment(st, en); err != nil {
		return nil, err
	}
	return en, nil
}

// EnrolRoot makes this node the province's root: a self-signed
// certificate for the province office, recorded and saved.
func EnrolRoot(st *store.Store, key ed25519.PrivateKey, province string, now time.Time) (*Enrolment, error) {
	if _, err := LoadEnrolment(st); err == nil {
		return nil, fmt.Errorf("%w: this node is enrolled already", trust.ErrInvalid)
	}
	root, err := trust.NewRoot(key, province, now, 20)
	if err != nil {
		return nil, err
	}
	en := &Enrolment{Root: key.Public().(ed25519.PublicKey), Chain: trust.Chain{root}}
	if err := SaveEnrolment(st, en); err != nil {
		return nil, err
	}
	return en, RecordCertificate(st, "operator", province, en.Chain)
}
