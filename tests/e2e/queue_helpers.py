"""Read and write the phone's offline queue (tadamon/queue.js: IndexedDB "tadamon") in tests."""

from playwright.sync_api import Page

_OPEN = """
() => new Promise((resolve, reject) => {
  const request = indexedDB.open("tadamon", 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore("queue", {keyPath: "id"}).createIndex("owner", "owner");
    db.createObjectStore("meta", {keyPath: "name"});
  };
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
})
"""


def owner(page: Page) -> str:
    """The signed-in account's device key, by which the queue marks its items."""
    return page.evaluate("document.documentElement.dataset.device || ''")


def items(page: Page, queue: str | None = None, state: str | None = None) -> list[dict]:
    """The stored items, oldest first, of one queue and state if given (any owner)."""
    found = page.evaluate(
        f"""async () => {{
          const db = await ({_OPEN})();
          const all = await new Promise((resolve, reject) => {{
            const request = db.transaction("queue").objectStore("queue").getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          }});
          db.close();
          return all.sort((a, b) => a.created - b.created);
        }}"""
    )
    return [
        item
        for item in found
        if (queue is None or item["queue"] == queue) and (state is None or item["state"] == state)
    ]


def put(page: Page, *new_items: dict) -> None:
    """Store items as they are (a copy of a stored one, an item of another owner...)."""
    page.evaluate(
        f"""async (list) => {{
          const db = await ({_OPEN})();
          await new Promise((resolve, reject) => {{
            const tx = db.transaction("queue", "readwrite");
            list.forEach(item => tx.objectStore("queue").put(item));
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          }});
          db.close();
        }}""",
        list(new_items),
    )


def waiting_copy(item: dict, **changes) -> dict:
    """The item as if queued again: waiting, with no answer."""
    copy = dict(item, state="waiting", reason="", status=0, answer=None)
    copy.update(changes)
    return copy


def wait_for_state(page: Page, item_id: str, state: str, timeout_ms: int = 10_000) -> dict:
    """Wait until the stored item `item_id` is in `state` (the page stores answers async)."""
    for _ in range(timeout_ms // 200):
        found = [item for item in items(page) if item["id"] == item_id]
        if found and found[0]["state"] == state:
            return found[0]
        page.wait_for_timeout(200)
    raise AssertionError(f"item {item_id} never became {state}: {found}")


def new_item(page: Page, queue: str, url: str, body: dict, **fields) -> dict:
    """An item as tadamon/queue.js stores it, waiting, for the page's owner unless told."""
    now = page.evaluate("Date.now()")
    item = {
        "id": body.get("client_uuid") or f"test-{now}",
        "owner": owner(page),
        "queue": queue,
        "url": url,
        "body": body,
        "label": "",
        "state": "waiting",
        "reason": "",
        "status": 0,
        "answer": None,
        "created": now,
        "updated": now,
    }
    item.update(fields)
    return item


def wait_until_none_waiting(page: Page, queue: str | None = None, timeout_ms: int = 10_000) -> None:
    """Wait until no item (of `queue`, or of any) waits: the page stores answers after they come."""
    for _ in range(timeout_ms // 200):
        if not items(page, queue, "waiting"):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"still waiting: {items(page, queue, 'waiting')}")
