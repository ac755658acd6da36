## The command line tool (issue 15): `hwlc` / `huaweicloud-live-callback`, the bins of the npm
## package (pkg/bin/hwlc.mjs -> pkg/src/cli.js), tested as a user gets them: the tarball
## installed into build/scratch/cli, each bin run as a child process (tests/cli/run.mjs: exit
## codes, stdin/file input, env keys, --json, colour, trigger -> an independent receiver,
## listen <- trigger -> forward).
##   make test-cli

TEST_TARGETS += test-cli

CLI_SCRATCH := build/scratch/cli

.PHONY: test-cli
test-cli: pkg
	scripts/pack-install.sh $(CLI_SCRATCH) >/dev/null
	node tests/cli/run.mjs $(CLI_SCRATCH)
