/** Interface components shared by the pages and the designer, in the DSFR's markup. */
export { Tabs, type Tab } from './Tabs';
export { SelectField, type SelectFieldProps } from './SelectField';
