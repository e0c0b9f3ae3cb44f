import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formAction } from "./actions";
import { SERVER_BUSY_MESSAGE, ServerBusy } from "./server-busy";

describe("a form action when the server is too busy", () => {
  it("answers with the busy message and keeps what was typed", async () => {
    const action = formAction(
      z.object({ email: z.string() }),
      async () => {
        throw new ServerBusy("queue full");
      },
      { keep: ["email"] },
    );
    const form = new FormData();
    form.set("email", "ada@example.test");
    expect(await action(null, form)).toEqual({ ok: false, error: SERVER_BUSY_MESSAGE, values: { email: "ada@example.test" } });
  });
});
