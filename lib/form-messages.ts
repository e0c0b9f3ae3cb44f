// What any form may answer, whatever it is for. Plain strings with no
// framework import, so the load test can recognise them in a page.

export const FIX_FIELDS = "Please fix the highlighted fields.";
export const UNEXPECTED = "Something went wrong on our side. Nothing was changed. Please try again.";
