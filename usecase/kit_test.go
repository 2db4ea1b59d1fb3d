package usecase

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/kit/paper"
)

func TestImportKit(t *testing.T) {
	s := storeForTest(t, testNow)
	a := addTestAccount(t, s, "GitHub", "alice")
	mine, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	// A kit made elsewhere: alice renamed later, and one more account.
	kitVault, err := cloneVault(mine)
	if err != nil {
		t.Fatal(err)
	}
	kitVault.Accounts[0].Name = "alice2"
	kitVault.Accounts[0].Updated = testNow.Add(time.Hour)
	other, err := vault.NewAccount("Amazon", "taro", testKey(t, "totp", "KRSXG5CTMVRXEZLU"), testNow)
	if err != nil {
		t.Fatal(err)
	}
	kitVault.Accounts = append(kitVault.Accounts, other)

	before := generation(t, s)
	p, err := PreviewKit(mine, kitVault)
	if err != nil || len(p.Report.Added) != 1 || len(p.Report.Updated) != 1 || p.WasEmpty {
		t.Fatalf("preview %+v, %v", p.Report, err)
	}
	if generation(t, s) != before {
		t.Fatal("the preview wrote")
	}
	if v, _ := s.Load(); v.Account(a.ID).Name != "alice" {
		t.Fatal("the preview changed the vault")
	}
	r, err := s.ImportKit(kitVault)
	if err != nil || len(r.Report.Added) != 1 || r.Vault.Account(a.ID).Name != "alice2" || generation(t, s) != before+1 {
		t.Fatalf("import %+v, %v", r.Report, err)
	}
	// Again: nothing new, nothing written.
	r, err = s.ImportKit(kitVault)
	if err != nil || r.Report.Changed() || generation(t, s) != before+1 {
		t.Fatalf("import again %+v, %v", r.Report, err)
	}
}

func TestImportKitIntoNoVault(t *testing.T) {
	s := storeForTest(t, testNow)
	k := vault.New()
	a, _ := vault.NewAccount("GitHub", "alice", testKey(t, "totp", "JBSWY3DPEHPK3PXP"), testNow)
	k.Accounts = append(k.Accounts, a)
	p, err := PreviewKit(vault.New(), k)
	if err != nil || !p.WasEmpty {
		t.Errorf("preview into no vault: %+v", p)
	}
	r, err := s.ImportKit(k)
	if err != nil || !r.WasEmpty || len(r.Vault.Accounts) != 1 {
		t.Fatalf("restore %+v, %v", r, err)
	}
}

func TestPaperReason(t *testing.T) {
	en, ja := catalogs(t)
	for _, err := range []error{paper.ErrNotChunk, paper.ErrCorruptChunk, paper.ErrDuplicateChunk, paper.ErrMixedKits, paper.ErrNoChunks} {
		m, ok := PaperReason(fmt.Errorf("chunk 2: %w", err))
		if !ok || m.Text(en) == m.ID || m.Text(ja) == m.ID {
			t.Errorf("%v: %+v, %v", err, m, ok)
		}
	}
	if _, ok := PaperReason(errors.New("other")); ok {
		t.Error("an error paper does not make has a reason")
	}
}
