package backup_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/mamori-app/mamori/vault/backup"
)

func ExampleParseSheet() {
	sheet := `BACKUP VERIFICATION CODES

1. 4829 1037        6. 7712 5508
2. ０３６４ ９９２１     7. 5180 2643

* You can only use each backup code once.`
	codes, err := backup.ParseSheet(sheet)
	fmt.Println(codes, err)
	// Output: [4829 1037 7712 5508 0364 9921 5180 2643] <nil>
}

func ExampleSet() {
	now := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
	var s backup.Set
	if err := s.Replace([]string{"a1b2c-3d4e5", "f6a7b-8c9d0", "0e1f2-a3b4c", "5d6e7-f8a9b"}, now); err != nil {
		panic(err)
	}
	next, _ := s.NextUnused()
	fmt.Println("copy:", next.Code)
	fmt.Println(s.Use("A1B2C3D4E5", now)) // any case, spaces or hyphens
	err := s.Use(next.Code, now.Add(time.Hour))
	fmt.Println(errors.Is(err, backup.ErrAlreadyUsed), err)
	fmt.Println("left:", s.Remaining(), "low:", s.Low())
	// Output:
	// copy: a1b2c-3d4e5
	// <nil>
	// true backup: code already used: code 1 was used on 2025-04-01T09:00:00Z
	// left: 3 low: true
}
