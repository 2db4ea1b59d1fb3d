package paper_test

import "hash/crc32"

func crc(s string) uint32 { return crc32.ChecksumIEEE([]byte(s)) }
