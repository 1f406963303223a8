// The customise form for one product: options, measurements (or a saved profile), texts,
// quantity, the urgent channel, a designer appointment, the live quote, and 下一步 to confirm.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PRODUCT_KIND_LABELS, type ProductRecord } from '@/domain/catalog'
import { profileKindFor } from '@/domain/measurement-profile'
import { formatFen } from '@/domain/money'
import { QUANTITY_LIMITS, type OrderSelection } from '@/domain/order-selection'
import AppointmentPicker from '@/components/appointment-picker'
import ContactService from '@/components/contact-service'
import MeasurementInput from '@/components/measurement-input'
import OptionPicker from '@/components/option-picker'
import ProfilePicker from '@/components/profile-picker'
import QuantityStepper from '@/components/quantity-stepper'
import QuoteSummary from '@/components/quote-summary'
import TextFieldInput from '@/components/text-field-input'
import UrgentToggle from '@/components/urgent-toggle'
import { useAppointment } from '@/hooks/useAppointment'
import { useSavedProfiles } from '@/hooks/useCustomiseExtras'
import { useQuote } from '@/hooks/useQuote'
import { useSelectionForm } from '@/hooks/useSelectionForm'
import { SHOP_PAGES } from '@/routes'
import { setDraftOrder } from '@/services/draft-order'
import PlacedNotice from './placed-notice'

export default function CustomiseForm({
  product,
  kept,
}: {
  product: ProductRecord
  /** The selection of this product's kept draft (coming back, or after a reload). */
  kept?: OrderSelection
}) {
  const form = useSelectionForm(product, kept)
  const selection = form.result.ok ? form.result.data : null
  const quote = useQuote(product._id, selection)
  const profiles = useSavedProfiles()
  const appointment = useAppointment()
  const { draft, errors } = form
  const profileKind = profileKindFor(product)

  const next = () => {
    form.revealAll()
    if (!form.result.ok) {
      void Taro.showToast({ title: form.result.message, icon: 'none' })
      return
    }
    if (!quote.quote || quote.loading) {
      void Taro.showToast({ title: '价格计算中，请稍候', icon: 'none' })
      return
    }
    if (quote.quote.urgent.requested && !quote.quote.urgent.applied) {
      void Taro.showToast({ title: quote.quote.urgent.reason ?? '暂不能加急', icon: 'none' })
      return
    }
    setDraftOrder({ product, selection: form.result.data, quote: quote.quote })
    void Taro.navigateTo({ url: SHOP_PAGES.confirm })
  }

  return (
    <View className="customise__form">
      <PlacedNotice productId={product._id} selection={selection} />
      <View className="customise-hero">
        <Text className="customise-hero__kind">{PRODUCT_KIND_LABELS[product.kind]}</Text>
        <Text className="customise-hero__name">{product.name}</Text>
        <Text className="customise-hero__meta">
          {formatFen(product.basePriceFen)} 起 · 约 {product.baseLeadDays} 天完成
          {product.batch ? ` · 满 ${product.batch.minQuantity} 件成团` : ''}
        </Text>
        {product.batch?.depositFen ? (
          <Text className="customise-hero__meta customise-hero__deposit">
            定金 {formatFen(product.batch.depositFen)}/件，成团后付尾款
            {product.batch.collectDays
              ? `；${product.batch.collectDays} 天内未成团，定金原路退回`
              : ''}
          </Text>
        ) : null}
      </View>

      {product.optionGroups.length > 0 ? (
        <View className="customise-section">
          <Text className="customise-section__title">选择款式</Text>
          {product.optionGroups.map((group) => (
            <OptionPicker
              key={group.id}
              group={group}
              defaultValue={draft.options[group.id]}
              error={errors[`options.${group.id}`]}
              onChange={(value) => form.setOption(group.id, value)}
            />
          ))}
        </View>
      ) : null}

      {product.measurements.length > 0 ? (
        <View className="customise-section">
          <Text className="customise-section__title">量体尺寸</Text>
          {profileKind ? (
            <ProfilePicker
              kind={profileKind}
              profiles={profiles}
              onPick={(profile) => {
                const refused = Object.keys(form.fillMeasurements(profile.values).problems).length
                void Taro.showToast({
                  title: refused
                    ? `「${profile.name}」有 ${refused} 项超出本商品范围，请查看`
                    : `已填入「${profile.name}」`,
                  icon: 'none',
                })
              }}
            />
          ) : null}
          {product.measurements.map((m) => (
            <MeasurementInput
              key={m.id}
              measurement={m}
              value={draft.measurements[m.id] ?? ''}
              error={errors[`measurements.${m.id}`]}
              onInput={(text) => form.setMeasurement(m.id, text)}
              onBlur={() => form.touch(`measurements.${m.id}`)}
            />
          ))}
        </View>
      ) : null}

      {product.textFields.length > 0 ? (
        <View className="customise-section">
          <Text className="customise-section__title">个性化</Text>
          {product.textFields.map((t) => (
            <TextFieldInput
              key={t.id}
              field={t}
              value={draft.texts[t.id] ?? ''}
              error={errors[`texts.${t.id}`]}
              onInput={(text) => form.setText(t.id, text)}
            />
          ))}
        </View>
      ) : null}

      <View className="customise-section">
        <QuantityStepper
          value={draft.quantity}
          max={QUANTITY_LIMITS[product.kind]}
          error={errors.quantity}
          onChange={form.setQuantity}
        />
        {product.urgent ? (
          <UrgentToggle
            channel={product.urgent}
            checked={draft.urgent}
            quote={quote.quote}
            onChange={form.setUrgent}
          />
        ) : null}
      </View>

      <View className="customise-section">
        <Text className="customise-section__title">价格与工期</Text>
        <QuoteSummary
          quote={quote.quote}
          loading={quote.loading}
          error={quote.error}
          onRetry={quote.retry}
        />
      </View>

      <View className="customise-section">
        <Text className="customise-section__title">预约设计师（可选）</Text>
        <AppointmentPicker
          slots={appointment.slots}
          booking={appointment.booking}
          bookingId={appointment.bookingId}
          error={appointment.error}
          onBook={appointment.book}
        />
      </View>

      <ContactService from={{ page: 'product', productId: product._id }} />

      <View className="bottom-bar">
        <View className="bottom-bar__price">
          <Text className="bottom-bar__amount">
            {quote.quote
              ? formatFen(quote.quote.priceFen)
              : `${formatFen(product.basePriceFen)} 起`}
          </Text>
          <Text className="bottom-bar__eta">
            {quote.quote
              ? `预计 ${quote.quote.etaDate} 完成`
              : quote.loading
                ? '正在计算…'
                : '填写完整后显示价格'}
          </Text>
        </View>
        <View className="bottom-bar__next" hoverClass="bottom-bar__next--pressed" onClick={next}>
          <Text>下一步</Text>
        </View>
      </View>
    </View>
  )
}
