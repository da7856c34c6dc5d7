#!/usr/bin/env python3
"""Two writers, a full disk and a read-only index: clear errors, and the index as it was.

    python3 reliability/writers_and_disk.py [--binary PATH] [--quick]

Two writers: while one `postsearch index` runs, a second fails at once with a sentence saying
another indexer holds the index; a second with --wait waits and then finishes; the first is not
disturbed (its posts all arrive, xapian-check passes).

Disk and permissions (needs root to mount a small tmpfs; skipped with a message otherwise):
an import into a tmpfs that fills up fails with "No space left on device" naming the index,
the index keeps exactly the posts of its last commit and passes xapian-check, and after space
is freed the same command completes. With the tmpfs remounted read-only, `index` and `delete`
fail with a "Read-only file system" error (not "another indexer"), searching still works and
the index is unchanged.
"""
import os
import subprocess
import time

from common import Checks, TempDir, binary, parser, run, stats, write_posts


def count(bin_path, index):
    s, err = stats(bin_path, index)
    return s["posts"] if s else None


def xapian_check(index):
    return run(["xapian-check", index], timeout=600).returncode == 0


def two_writers(bin_path, folder, n, checks):
    posts = write_posts(os.path.join(folder, "writers.jsonl"), n, seed=7)
    extra = write_posts(os.path.join(folder, "extra.jsonl"), 50, seed=7, start=n)
    index = os.path.join(folder, "writers-index")
    first = subprocess.Popen([bin_path, "index", posts, "--index", index, "--batch-size", "200"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Wait until the first writer has created the index and holds its lock.
    deadline = time.time() + 60
    while not os.path.exists(os.path.join(index, "flintlock")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)

    began = time.time()
    second = run([bin_path, "index", extra, "--index", index], timeout=60)
    refused_in = time.time() - began
    checks.check(first.poll() is None, "the first indexer was still running when the second started (use more posts)")
    checks.check(second.returncode != 0, "a second writer must fail while the first holds the index")
    checks.check("Another postsearch indexer is writing to" in second.stderr,
                 f"the second writer's error must say another indexer holds the index; got: {second.stderr.strip()}")
    checks.check(refused_in < 5, f"the second writer must fail at once, took {refused_in:.1f} s")

    began = time.time()
    waiter = run([bin_path, "index", extra, "--index", index, "--wait"], timeout=1800)
    waited = time.time() - began
    first_status = first.wait(timeout=1800)
    checks.check(first_status == 0, f"the first indexer must finish cleanly, exit {first_status}: {first.stderr.read()}")
    checks.check(waiter.returncode == 0, f"--wait must succeed once the first is done: {waiter.stderr.strip()}")
    checks.check("waiting for it to finish" in waiter.stderr, "--wait must say it is waiting")
    final = count(bin_path, index)
    checks.check(final == n + 50, f"both writers' posts must be in: expected {n + 50}, got {final}")
    checks.check(xapian_check(index), "xapian-check after two writers")
    return {"second_writer_refused_in_s": round(refused_in, 3), "waiter_waited_s": round(waited, 1),
            "final_posts": final}


def mount_tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    return run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path]).returncode == 0


def disk_and_permissions(bin_path, folder, n, checks):
    mount = os.path.join(folder, "small-disk")
    if not mount_tmpfs(mount, "6m"):
        print("SKIP disk and permissions: cannot mount a tmpfs here (needs root)")
        return {"skipped": "cannot mount tmpfs"}
    try:
        posts = write_posts(os.path.join(folder, "disk.jsonl"), n, seed=8)
        index = os.path.join(mount, "index")
        full = run([bin_path, "index", posts, "--index", index, "--batch-size", "100"], timeout=1800)
        checks.check(full.returncode != 0, "indexing onto a full disk must fail")
        checks.check("No space left on device" in full.stderr and index in full.stderr,
                     f"the full-disk error must name the index and the cause; got: {full.stderr.strip()}")
        kept = count(bin_path, index)
        checks.check(kept is not None and kept % 100 == 0,
                     f"after a full disk the index must hold the posts of its last commit (a multiple of 100), got {kept}")
        checks.check(xapian_check(index), "xapian-check after a full disk")

        run(["mount", "-o", "remount,size=256m", mount], check=True)
        again = run([bin_path, "index", posts, "--index", index], timeout=1800)
        checks.check(again.returncode == 0, f"after freeing space the same command must complete: {again.stderr.strip()}")
        checks.check(count(bin_path, index) == n, f"after freeing space the index must hold all {n} posts")

        run(["mount", "-o", "remount,ro", mount], check=True)
        before = run([bin_path, "search", "--index", index, "--json", "--limit", "3"]).stdout
        extra = write_posts(os.path.join(folder, "ro-extra.jsonl"), 5, seed=8, start=n)
        ro = run([bin_path, "index", extra, "--index", index], timeout=120)
        checks.check(ro.returncode != 0 and "Read-only file system" in ro.stderr and "Another" not in ro.stderr,
                     f"indexing a read-only index must say so; got: {ro.stderr.strip()}")
        delete = run([bin_path, "delete", "post-000000", "--index", index], timeout=120)
        checks.check(delete.returncode != 0 and "Read-only file system" in delete.stderr,
                     f"deleting from a read-only index must say so; got: {delete.stderr.strip()}")
        after = run([bin_path, "search", "--index", index, "--json", "--limit", "3"])
        checks.check(after.returncode == 0 and after.stdout == before,
                     "a read-only index must still be searchable and unchanged")
        return {"posts_kept_after_full_disk": kept, "full_disk_error": full.stderr.strip(),
                "read_only_error": ro.stderr.strip()}
    finally:
        run(["umount", mount])


def main():
    args = parser(__doc__).parse_args()
    bin_path = binary(args.binary)
    checks = Checks()
    n_writers = 1000 if args.quick else 5000
    n_disk = 1000 if args.quick else 3000
    with TempDir(args.keep, "postsearch-writers-") as folder:
        writers = two_writers(bin_path, folder, n_writers, checks)
        disk = disk_and_permissions(bin_path, folder, n_disk, checks)
    checks.finish([f"two writers: second refused in {writers['second_writer_refused_in_s']} s, "
                   f"--wait waited {writers['waiter_waited_s']} s, {writers['final_posts']} posts in the end",
                   f"disk: {disk}"],
                  {"two_writers": writers, "disk": disk})


if __name__ == "__main__":
    main()
