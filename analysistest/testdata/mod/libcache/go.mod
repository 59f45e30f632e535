module example.com/libcache

go 1.26
