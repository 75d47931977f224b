// The shared page shell of the portals (Help Desk, Self-Service, Administration): import from here.
export { Layout, type LayoutProps } from './layout';
export {
  CSRF_FIELD,
  Checkbox,
  CheckboxGroup,
  CopyButton,
  CsrfField,
  describedBy,
  ErrorSummary,
  Field,
  FieldFrame,
  type FormErrors,
  Notice,
  PostForm,
  SecretValue,
  type SelectOption,
  SelectField,
  RowAction,
  SubmitButton,
  TextAreaField,
} from './forms';
export { type FormBody, formBody, formFlag, formString, formStrings } from './form-body';
export { currentPage } from './navigation';
export { type PageContext, usePageContext } from './page-context';
export { render, seeOther } from './render';
export { errorsFrom } from './errors';
export { ListTable, shortTime } from './table';
