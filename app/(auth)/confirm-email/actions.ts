"use server";
import { confirmEmailChange } from "@/lib/account/change-email";
import { linkConfirmAction } from "../link-confirm-action";

/** The button on the page a new address's confirmation link opens. */
export const confirmEmailChangeAction = linkConfirmAction({ page: "/confirm-email", confirm: confirmEmailChange, event: "email_changed", success: "changed" });
