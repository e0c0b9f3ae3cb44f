// The product's name, wherever the code writes it: page titles, the header,
// every email's subject and frame, the default sender, the password check's
// list of words a password must not be built from.
export const APP_NAME = "Accounts";
